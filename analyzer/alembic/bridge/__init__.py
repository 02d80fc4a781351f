"""migsafe's Python half of the embedded Alembic bridge (the package migsafe_bridge).

C++ (analyzer/alembic/project.cpp) makes one session.Session per project and calls its
verbs. Each verb answers one JSON shape, documented in docs/bridge.md and parsed in
analyzer/alembic/bridge_replies.cpp; every exception leaves as errors.BridgeError. The
modules, each with one job:
- hygiene: nothing Alembic, env.py or logging print reaches migsafe's stdout;
- locations: file, line and column of Python frames;
- errors: every exception becomes a BridgeError naming the user's file and line;
- graph: loading the revision graph;
- compat: every use of Alembic's private API;
- connections: every hook on database connections (only the scratch database);
- session: the verbs C++ calls;
- model_export: the models' schema for the diff.

Kept light on purpose: startup imports migsafe_bridge.connections before anything else.
"""
