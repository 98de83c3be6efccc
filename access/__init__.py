"""Who may see and do what: the one place that says it (see `access.rules`)."""
