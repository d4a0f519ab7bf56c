"""Text -> statements -> features -> actor, stance and sentiment.

This package holds everything needed to *use* a trained model. It imports
neither `training` nor `service`.
"""
