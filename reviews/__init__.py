"""Long-form reviews: articles, the editorial workflow, revisions, ratings, feeds and sitemap."""
