"""Scanning tables: classify each column from its name and sampled values, analyze
free-text columns as text, and find column combinations that single people out."""
