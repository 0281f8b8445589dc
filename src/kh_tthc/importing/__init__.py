"""Importing plans and progress from other documents: one package per concern."""
