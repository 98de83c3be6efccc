"""Proposals: what an agenda asks of the authorities, civil society
organisations and the community."""
