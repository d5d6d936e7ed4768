"""The privacy office's web service: FastAPI app factory and the REST API under /api/v1.

A thin layer over :mod:`cityprivacy.govern`, like the CLI.
"""
