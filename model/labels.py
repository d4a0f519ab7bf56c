"""Label sets of the labeling guide (../shared/LABELS.md)."""

STANCE_LABELS = ("escalatory", "de-escalatory", "reassuring", "neutral")
SENTIMENT_LABELS = ("negative", "neutral", "positive")
NO_ACTOR = "NONE"
ACTOR_TYPES = ("state", "organisation", "non-state")
