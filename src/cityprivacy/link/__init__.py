"""Privacy-preserving record linkage: keyed Bloom-filter encodings with hardening, blocking
that leaks no clear values, Dice similarity over packed bits, one-to-one assignment and
evaluation; plain probabilistic linkage through Splink for agencies allowed to exchange
clear identifiers.

This layer sits beside :mod:`cityprivacy.protect` and never touches a database.
"""
