"""The demo: the seed research's agendas, word for word, plus demo accounts."""
