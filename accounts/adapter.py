from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Neutral account emails: a survivor's inbox may be read by someone else."""

    def format_email_subject(self, subject: str) -> str:
        return str(subject)
