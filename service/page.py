"""The page for people: paste an article, read it statement by statement (static files)."""

from __future__ import annotations

from flask import Blueprint, current_app

blueprint = Blueprint("page", __name__)


@blueprint.get("/")
def page():
    """Serve the page where an analyst pastes an article and reads it."""
    return current_app.send_static_file("index.html")
