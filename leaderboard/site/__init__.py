"""The site: generated pages and files (generate.py) given to MkDocs by the leaderboard plugin
(mkdocs_plugin.py); `leaderboard build` runs MkDocs through mkdocs_run.py, and linkcheck.py checks the result."""
