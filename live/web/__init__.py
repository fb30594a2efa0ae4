"""The web layers: pages, JSON API and Socket.IO handlers, thin over the domain."""


def init_app(app, socketio, store):
    """Every blueprint, Socket.IO handler and command of the app."""
    from . import (api, assets, briefing, broadcast, cli, connections, converters, documents, errors, fanout,
                   followup, forwarding, identity, intake, mc, overview, pages, permissions, programme_api,
                   programme_editor, security, session, sockets, staff)
    converters.init_app(app)
    assets.init_app(app)
    broadcast.init_app(app, store)
    connections.init_app(app, socketio)
    fanout.init_app(socketio.server)
    identity.init_app(app)
    permissions.init_app(app)
    errors.init_app(app)
    sockets.register(socketio)
    for blueprint in (pages.bp, staff.bp, api.bp, documents.bp, session.bp, followup.bp, briefing.bp, intake.bp,
                      intake.api_bp, programme_api.bp, programme_editor.bp, mc.bp, overview.bp,
                      overview.api_bp, forwarding.bp):
        app.register_blueprint(blueprint)
    security.init_app(app)
    cli.init_app(app)
