"""The facilitator's workspace: where workshops, issues, tallies and
proposals are put in after a workshop."""
