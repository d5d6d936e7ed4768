"""Recognizers for identifiers that look the same everywhere: contact, network, devices, cards."""
