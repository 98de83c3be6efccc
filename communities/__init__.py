"""Places and people: cities, neighbourhoods, security dimensions,
participant groups, and who belongs where in which role."""
