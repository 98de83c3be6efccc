"""Running the site in production: the stack that checks and measures it."""
