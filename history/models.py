"""The historical tables of the tracked models are created here by
`history.tracked.register_tracked_models` (django-simple-history)."""
