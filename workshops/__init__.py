"""What happened at a workshop: when, where, how, and who came (in numbers by group)."""
