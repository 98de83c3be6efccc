"""Agendas: a neighbourhood's (or the nation's) Local Human Security Agenda,
its free-text sections and its issues."""
