"""The catalog of shows: titles, seasons, episodes, genres, languages and quality variants."""
