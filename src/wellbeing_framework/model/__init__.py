"""The models: content (packs and their elements), records, scales and the converter.

This layer imports nothing else of the project.
"""
