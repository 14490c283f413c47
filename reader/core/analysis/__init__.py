"""Segmentation and readings in context: text in, tokens out."""
