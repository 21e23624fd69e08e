"""Reader ratings: one score from 1 to 10 per reader and live review, with exact totals."""
