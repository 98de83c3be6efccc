"""What the site holds about a resident, seen from their side: their own
data page and its download, deletion, and how long residents are kept."""
