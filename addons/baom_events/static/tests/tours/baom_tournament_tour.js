import { registry } from "@web/core/registry";

const STANDINGS_ROW = (team) => `.o_baom_standings_table tr[data-team='${team}']`;
const MATCH_ROW = ".o_field_widget[name='match_ids'] .o_data_row:first-child";

registry.category("web_tour.tours").add("baom_tournament_result_tour", {
    steps: () => [
        {
            content: "Open the standings",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Standings')",
            run: "click",
        },
        {
            content: "Sahel United has no point yet",
            trigger: `${STANDINGS_ROW("Sahel United")} .o_baom_standings_points:contains('0')`,
        },
        {
            content: "Open the matches",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Matches')",
            run: "click",
        },
        {
            content: "Edit the home score of the match",
            trigger: `${MATCH_ROW} td[name='home_score']`,
            run: "click",
        },
        {
            content: "Sahel United scored 3",
            trigger: `${MATCH_ROW} td[name='home_score'] input`,
            run: "edit 3",
        },
        {
            content: "Atlas Stars scored 1",
            trigger: `${MATCH_ROW} td[name='away_score'] input`,
            run: "edit 1",
        },
        {
            content: "Save the result",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The form is saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Back to the standings",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Standings')",
            run: "click",
        },
        {
            content: "Sahel United now leads with 3 points",
            trigger: `${STANDINGS_ROW("Sahel United")} .o_baom_standings_points:contains('3')`,
        },
        {
            content: "Atlas Stars stays on 0",
            trigger: `${STANDINGS_ROW("Atlas Stars")} .o_baom_standings_points:contains('0')`,
        },
    ],
});
