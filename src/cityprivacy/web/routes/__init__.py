"""The API's routers, one module per resource (see :func:`cityprivacy.web.create_app`)."""
