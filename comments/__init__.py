"""Reader comments: threaded, moderated, with spam defences and a moderation queue."""
