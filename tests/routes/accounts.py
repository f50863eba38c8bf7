from . import LOGIN, OK, Route, everyone, only, signed_in

ROUTES = [
    Route("accounts.login", "GET", "/login", everyone()),
    Route(
        "accounts.login",
        "POST",
        "/login",
        everyone(),
        data=lambda w: {"email": "nobody@example.org", "password": "wrong"},
    ),
    # Signing out ends on the sign-in page, for everyone.
    Route("accounts.logout", "POST", "/logout", everyone(LOGIN)),
    Route("accounts.join", "POST", "/join", everyone(), data=lambda w: {"code": "WRONG"}),
    Route("accounts.accept_invitation", "POST", "/join/not-a-token", everyone(410)),
    Route("accounts.request_reset", "POST", "/reset", everyone(), data=lambda w: {"email": "x"}),
    Route("accounts.reset", "POST", "/reset/not-a-token", everyone()),
    Route(
        "accounts.change_password",
        "POST",
        "/account/password",
        signed_in(),
        data=lambda w: {"current_password": "wrong"},
    ),
    Route("accounts.profile", "POST", "/account/profile", signed_in(), data=lambda w: {"name": ""}),
    Route("accounts.join", "GET", "/join", everyone()),
    Route("accounts.join_sent", "GET", "/join/check-your-email", everyone()),
    # An unknown confirmation link sends everyone to the sign-in page with the reason.
    Route("accounts.confirm", "GET", "/confirm/not-a-token", everyone(LOGIN)),
    Route("accounts.confirm", "POST", "/confirm/not-a-token", everyone(LOGIN)),
    Route("accounts.sign_out_everywhere", "POST", "/account/sign-out-everywhere", signed_in()),
    Route("accounts.accept_invitation", "GET", "/join/not-a-token", everyone(410)),
    Route("accounts.request_reset", "GET", "/reset", everyone()),
    # An unknown token sends everyone back to ask for a new link.
    Route("accounts.reset", "GET", "/reset/not-a-token", everyone()),
    Route("accounts.change_password", "GET", "/account/password", signed_in()),
    Route("accounts.profile", "GET", "/account/profile", signed_in()),
    Route(
        "accounts.display",
        "POST",
        "/settings/display",
        everyone(),
        data=lambda w: {"language": "nl", "next": "/"},
    ),
    Route(
        "accounts.switch_organisation",
        "POST",
        "/account/organisation",
        {
            **signed_in(),
            **dict.fromkeys(
                (
                    "learner",
                    "other_learner",
                    "mentor",
                    "other_mentor",
                    "staff",
                    "admin",
                    "staff_other_org",
                ),
                404,
            ),
        },
        data=lambda w: {"organisation_id": str(w.other_organisation.id + 1000)},
    ),
]

DASHBOARD = [
    Route("dashboard.home", "GET", "/", everyone()),
    Route("dashboard.index", "GET", "/dashboard", signed_in()),
]

ORGANISATIONS = [
    Route(
        "organisations.people",
        "GET",
        lambda w: f"/organisations/{w.organisation.slug}/people",
        only("staff", "admin"),
    ),
    Route(
        "organisations.people",
        "POST",
        lambda w: f"/organisations/{w.organisation.slug}/people",
        only("staff", "admin"),
        data=lambda w: {"email": "new@example.org", "role": "learner"},
    ),
    Route(
        "organisations.renew_join_code",
        "POST",
        lambda w: f"/organisations/{w.organisation.slug}/join-code",
        only("staff", "admin"),
    ),
    Route(
        "organisations.stop_join_code",
        "POST",
        lambda w: f"/organisations/{w.organisation.slug}/join-code/off",
        only("staff", "admin"),
    ),
]

ROUTES += DASHBOARD + ORGANISATIONS
_ = (LOGIN, OK)
