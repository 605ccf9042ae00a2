"""The Streamlit page, one small module per section; ``app.py`` at the top of the repository runs it.

Needs the ``app`` extra (streamlit, altair). ``import fractionation`` never imports this
package. Each section module has one ``render(...)`` function that ``app.py`` calls, and
renders what one public library function returns. ``state`` holds the link-to-state
logic as plain functions, tested without Streamlit.

- ``state``: a link's parameters to the page's choices and back (no Streamlit).
- ``session``: Streamlit's session state seeded from the link, the link kept in step.
- ``common``: the catalogue as the page offers it, labels, and the collapsed panel.
- ``controls``: the sidebar (schemes, tissues, alpha/beta) and its callbacks.
- ``comparison``: the main tables; ``sources``: the sources behind them.
- ``charts``, ``isoeffect``, ``models``, ``reirradiation``, ``dose_grid``, ``working``,
  ``schedule``, ``downloads``: one panel each; ``style``: the page's CSS.
"""
