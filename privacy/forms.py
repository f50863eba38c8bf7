from flask_wtf import FlaskForm


class AskForDataForm(FlaskForm):
    """Only the CSRF token: the button says it all."""
