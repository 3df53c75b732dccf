"""The academy's JupyterHub: one server, a class of trainees, a few instructors.

`deploy/jupyterhub/install.sh` sets a fresh Debian or Ubuntu machine up and then calls
`investigator-course hub setup`; `hub add-trainees` turns a class roster into Unix
accounts. The hub itself is configured by `deploy/jupyterhub/jupyterhub_config.py`,
which reads the settings file that `hub setup` writes.

Why Unix accounts: each trainee's server runs as that trainee, so the operating
system (not the course code) keeps one trainee out of another's files, out of the
course folder and out of the gradebook; and nbgrader's exchange is built on the
same file permissions.
"""
