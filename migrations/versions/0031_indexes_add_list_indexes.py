"""indexes: every foreign key, and the columns the staff lists filter and sort on

Revision ID: 0031_indexes
Revises: 0030_ageband
Create Date: 2026-12-03 15:00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0031_indexes"
down_revision = "0030_ageband"
branch_labels = None
depends_on = None

# (name, table, columns): the models' index=True and __table_args__ Index() names.
INDEXES = (
    ("ix_audit_entries_actor_id", "audit_entries", ["actor_id"]),
    ("ix_charter_versions_written_by_id", "charter_versions", ["written_by_id"]),
    ("ix_credentials_revoked_by_id", "credentials", ["revoked_by_id"]),
    ("ix_departures_recorded_by_id", "departures", ["recorded_by_id"]),
    ("ix_follow_ups_answered_by_id", "follow_ups", ["answered_by_id"]),
    ("ix_intake_surveys_organisation_role", "intake_surveys", ["organisation_id", "role"]),
    ("ix_invitations_invited_by_id", "invitations", ["invited_by_id"]),
    (
        "ix_logbook_entries_organisation_state",
        "logbook_entries",
        ["organisation_id", "state", "submitted_at"],
    ),
    ("ix_logbook_messages_author_id", "logbook_messages", ["author_id"]),
    ("ix_logbook_reads_reader_id", "logbook_reads", ["reader_id"]),
    ("ix_matching_proposals_decided_by_id", "matching_proposals", ["decided_by_id"]),
    ("ix_matching_proposals_mentee_id", "matching_proposals", ["mentee_id"]),
    ("ix_matching_proposals_mentor_id", "matching_proposals", ["mentor_id"]),
    ("ix_matching_proposals_mentorship_id", "matching_proposals", ["mentorship_id"]),
    ("ix_matching_proposals_swapped_from_id", "matching_proposals", ["swapped_from_id"]),
    ("ix_matching_rounds_run_by_id", "matching_rounds", ["run_by_id"]),
    ("ix_memberships_organisation_role", "memberships", ["organisation_id", "role"]),
    ("ix_mentoring_checkins_pair_created", "mentoring_checkins", ["mentorship_id", "created_at"]),
    ("ix_mentoring_checkins_staff_id", "mentoring_checkins", ["staff_id"]),
    (
        "ix_mentoring_coordinator_notes_written_by_id",
        "mentoring_coordinator_notes",
        ["written_by_id"],
    ),
    ("ix_mentoring_evaluations_user_id", "mentoring_evaluations", ["user_id"]),
    ("ix_mentoring_meeting_proposals_meeting_id", "mentoring_meeting_proposals", ["meeting_id"]),
    (
        "ix_mentoring_meeting_proposals_proposed_by_id",
        "mentoring_meeting_proposals",
        ["proposed_by_id"],
    ),
    ("ix_mentoring_meeting_proposals_replaces_id", "mentoring_meeting_proposals", ["replaces_id"]),
    ("ix_mentoring_meetings_logged_by_id", "mentoring_meetings", ["logged_by_id"]),
    ("ix_mentoring_meetings_pair_held", "mentoring_meetings", ["mentorship_id", "held_on"]),
    ("ix_mentorships_declined_by_id", "mentorships", ["declined_by_id"]),
    ("ix_mentorships_organisation_state", "mentorships", ["organisation_id", "state"]),
    ("ix_mentorships_proposed_by_id", "mentorships", ["proposed_by_id"]),
    ("ix_network_messages_organisation_id", "network_messages", ["organisation_id"]),
    ("ix_network_stories_published_by_id", "network_stories", ["published_by_id"]),
    ("ix_notifications_organisation_id", "notifications", ["organisation_id"]),
    ("ix_privacy_deletions_organisation_id", "privacy_deletions", ["organisation_id"]),
    ("ix_privacy_deletions_requested_by_id", "privacy_deletions", ["requested_by_id"]),
    ("ix_privacy_notices_created_by_id", "privacy_notices", ["created_by_id"]),
    ("ix_privacy_notices_seen_organisation_id", "privacy_notices_seen", ["organisation_id"]),
    ("ix_questions_answered_by_id", "questions", ["answered_by_id"]),
    ("ix_users_name", "users", ["name"]),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade():
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
