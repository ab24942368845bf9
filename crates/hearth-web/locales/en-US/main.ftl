# Hearth — English. Keep keys in step with ko/main.ftl (a test checks).

## Layout
skip-to-content = Skip to main content
get-help-now = Get help now
nav-label = Main
nav-home = Home
nav-care-team = My care team
nav-clients = My clients
nav-admin = Admin
nav-account = Account
nav-sign-in = Sign in
nav-sign-out = Sign out
language-switch = Language:
footer-text = Hearth helps you stay connected. If you are in danger, help is one tap away.
back-home = Back to the home page
save = Save
actions = Actions
form-has-errors = Please check the fields below

## Notices after an action
done-saved = Saved.
done-signed-out = You are signed out.
done-signin-expired = That sign-in took too long. Please start again.
done-invite-accepted = Welcome! Your account is ready. Please sign in.
done-password-reset = Your password is changed and every session was signed out. Please sign in.
done-session-ended = That session is signed out.
done-sessions-ended = Your other sessions are signed out.
done-totp-on = Two-step sign-in is on.
done-totp-off = Two-step sign-in is off.
done-care-accepted = You accepted. Choose below what you share.
done-care-ended = The care link has ended.
done-consent-saved = Your sharing choices are saved.
done-care-offered = The care invitation was sent.

## Errors
error-required = This is required.
error-too-long = This is too long.
error-email-invalid = Enter an email address like name@example.org.
error-email-taken = This email is already in use.
error-password-short = Use at least 10 characters.
error-password-weak = This password is too easy to guess. Try a few unrelated words.
error-time-zone = Choose a time zone from the list.
error-language = Choose English or Korean.
error-roles-required = Choose at least one role.
error-role-unknown = That role does not exist.
error-scope-unknown = That kind of data does not exist.
error-totp-wrong = That code did not work. Check your app and try again.
error-totp-throttled = Too many wrong codes. Please wait a few minutes and try again.
error-not-a-member = This person is not a member of the practice.
error-already-linked = You are already linked with this person.
error-keep-own-admin = You cannot remove your own admin role.
error-crisis-lines = Enter a list of lines in the format shown, each with a name, a country code and a number.
error-title-not-found = Page not found
error-title-forbidden = Not available to you
error-title-problem = Something went wrong
error-page-not-found = We could not find that page.
error-page-forbidden = Your account cannot open this page.
error-page-unavailable = Hearth cannot reach its database right now. Please try again in a few minutes. If you need help now, the help page still works.
error-page-internal = Something went wrong on our side. Please try again.

## Landing and home
landing-title = Welcome to Hearth
landing-lead = A place to see the support you have, find community that fits you, and stay safe, with your care team beside you.
landing-body = Hearth is run by your practice. Your care team invites you; once you have an account, sign in below.
landing-help-heading = Need to talk to someone now?
landing-help-body = You do not need an account to get help.
home-title = Home
home-greeting = Hello, { $name }
home-lead = What would you like to do today?
home-care-team = See who is on your care team and what you share with them.
home-pending-care = Care invitations waiting for you
home-profile = Your name, pronouns, language and time zone.
home-sessions = Where you are signed in.
home-help = Crisis lines, any time.

## Help
help-title = Get help now
help-lead = If you are in danger or thinking about ending your life, please reach out now. These lines are free and confidential.
help-country-us = United States
help-country-kr = South Korea
help-country-other = Other lines
help-call = Call { $number }
help-text = Text { $number }
help-text-keyword = Text { $keyword } to { $number }
help-not-alone = You are not alone. If you can, tell someone you trust how you are feeling.

## Sign in
signin-title = Sign in
signin-submit = Sign in
signin-forgot = Forgot your password?
signin-failed = That email and password do not match an account. Check them and try again.
signin-throttled = Too many attempts. Please wait a few minutes and try again.
field-email = Email
field-password = Password
field-new-password = New password
password-hint = At least 10 characters. A few unrelated words work well.
field-display-name = Display name
field-display-name-optional = Display name (optional)
display-name-hint = What other people in Hearth see. A first name or a nickname is fine.
field-legal-name = Legal name
legal-name-hint = Only your care team sees this.
field-pronouns = Pronouns
pronouns-hint = Optional, for example she/her or they/them.
field-language = Language
field-time-zone = Time zone
field-roles = Roles
field-totp-code = Code from your authenticator app
totp-code-hint = Six digits.
totp-signin-title = Two-step sign-in
totp-signin-submit = Continue

## Invitations and resets
invite-title = Accept your invitation
invite-lead = Choose the name people will see and a password.
invite-accept = Create my account
invite-heading = Invite someone
invite-submit = Send invitation
invite-sent = Invitation sent. The link, valid for 7 days, is:
field-invite-language = Language of the invitation email
link-unknown = This link is not valid. Check that you copied all of it, or ask for a new one.
link-used = This link has already been used. If that was not you, ask your practice for help.
link-expired = This link has expired. Ask for a new one.
reset-title = Reset your password
reset-lead = Enter your email and we will send you a link to choose a new password.
reset-submit = Send the link
reset-sent = If an account uses that email, a link is on its way. It works for one hour.
reset-choose-lead = Choose a new password. Every device signed in to your account will be signed out.
reset-save = Save new password
reset-again = Ask for a new link
register-title = Create an account
register-lead = Choose your email, a display name and a password.
register-submit = Create account

## Account
account-nav-label = Account
profile-title = Profile
sessions-title = Where you are signed in
sessions-lead = Each device or app signed in to your account. Sign out any you do not recognise.
sessions-device = Device
sessions-started = Signed in
sessions-last-seen = Last active
sessions-this-one = this device
sessions-api = app token
sessions-unknown-device = Unknown device
sessions-end = Sign out
sessions-end-others = Sign out everywhere else
sessions-end-all = Sign out everywhere
totp-title = Two-step sign-in
totp-is-on = Two-step sign-in is on. You will be asked for a code from your app when you sign in.
totp-is-off = Two-step sign-in is off. Turning it on protects your account even if someone learns your password.
totp-start = Turn on two-step sign-in
totp-setup-steps = Add this key to an authenticator app, then type the six-digit code it shows.
totp-key-label = Key:
totp-open-app = Open in an authenticator app on this device
totp-confirm = Confirm and turn on
totp-disable = Turn off two-step sign-in
totp-required-notice = Your practice asks clinicians and admins to use two-step sign-in. Please turn it on to continue.

## Care team and consent
care-title = My care team
care-lead = The clinicians who support you. You decide what each one can see.
care-none = You have no care team in Hearth yet.
care-offer = This clinician would like to be part of your care team in Hearth. Nothing is shared until you choose.
care-accept = Accept
care-decline = Decline
care-end = End care link
care-sharing = You share:
care-sharing-nothing = nothing yet
care-change-consent = Change what { $name } can see
care-back = Back to my care team
care-status-active = Active
care-status-invited = Waiting for the member
consent-title = What you share
consent-heading = What { $name } can see
consent-lead = Each box shares one kind of your information with this clinician only. You can change this at any time, and every time they look is recorded for you.
consent-legend = Share with this clinician
consent-save = Save my choices
scope-circle = My circle
scope-circle-desc = The people and groups in your support map and how they support you. Their names stay hidden unless you choose to share names.
scope-checkins = Check-ins
scope-checkins-desc = Your mood, energy and connection check-ins and their trends.
scope-measures = Questionnaires
scope-measures-desc = Your answers and scores on questionnaires such as PHQ-9 and GAD-7.
scope-groups = Groups
scope-groups-desc = Which Hearth groups you belong to. Not what you write in them.
scope-safety-plan = Safety plan
scope-safety-plan-desc = Your safety plan: warning signs, coping steps and the people you listed.
scope-safety-alerts = Safety alerts
scope-safety-alerts-desc = If something you write suggests you may be in danger, this clinician is told so they can reach out. They are told the time and level, never your words.
clients-title = My clients
clients-none = No clients are linked to you yet.
clients-status = Status
clients-shared = Shared with you
clients-invite-heading = Invite a client into your care
clients-invite-lead = Enter the client's email. If they have no account yet, they get an invitation to Hearth first.
clients-invite-submit = Send care invitation

## Admin
admin-nav-label = Admin
admin-people = People
admin-invitations = Invitations
admin-settings = Practice settings
admin-audit = Audit log
admin-state = State
admin-state-invited = Invited
admin-state-active = Active
admin-save-roles = Save roles
admin-assign-heading = Assign a clinician
admin-assign-label = Clinician
admin-assign-submit = Offer care link
admin-no-clinicians = There are no clinicians yet.
admin-invitations-none = No open invitations.
admin-invited-at = Invited
admin-expires = Expires
admin-expired = Expired
admin-revoke = Revoke
role-member = Member
role-facilitator = Facilitator
role-clinician = Clinician
role-admin = Admin
field-practice-name = Practice name
field-self-registration = Let people create their own accounts
field-require-totp = Require two-step sign-in for clinicians and admins
field-crisis-lines = Crisis lines on the help page
crisis-lines-hint = A JSON list. Each line has country (two letters), name, number, contact (call, text or call_or_text), and optionally text_keyword and emergency (true or false).
audit-action = Action
audit-person = Person
audit-since = From
audit-until = Until
audit-filter = Filter
audit-any = Any
audit-when = When
audit-actor = By
audit-subject = About
audit-detail = Detail

## Email
email-invite-subject = Your invitation to { $practice } on Hearth
email-invite-body =
    Hello,

    { $practice } has invited you to Hearth.

    To accept, open this link within 7 days and choose a password:
    { $link }

    If you were not expecting this, you can ignore this email.
email-reset-subject = Reset your Hearth password
email-reset-body =
    Hello,

    Someone asked to reset the password of your Hearth account. To choose a new password, open this link within one hour:
    { $link }

    If this was not you, you can ignore this email; your password stays the same.
