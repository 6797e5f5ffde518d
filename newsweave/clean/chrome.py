"""Site chrome: lines of a copied web page that are not the article's body.

This first pass recognises only lines that no article body contains
(empty-content boilerplate such as "Subscribe Today" is left to the cleaning work).
"""
