"""Request and response bodies of the REST API (Pydantic 2), one module per resource.

Separate from the office's database models: a response names organizations by code and
says only what the caller needs; a request body forbids unknown fields.
"""
