from odoo import http
from odoo.http import request


class BaomTournamentPublic(http.Controller):
    @http.route(
        "/baom/tournament/<int:tournament_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        website=True,
    )
    def tournament_page(self, tournament_id, **kwargs):
        # The public may not read tournaments: only a published one is
        # fetched with sudo, and the page gets plain values (team names,
        # scores, kick-offs), never a record that could lead to a person.
        tournament_sudo = (
            request.env["baom.tournament"]
            .sudo()
            .search([("id", "=", tournament_id), ("is_published", "=", True)])
        )
        if not tournament_sudo:
            raise request.not_found()
        return request.render(
            "baom_events.baom_tournament_public_page",
            tournament_sudo._public_values(),
        )
