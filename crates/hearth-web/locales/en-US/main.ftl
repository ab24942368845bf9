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
home-open-alerts = Safety alerts waiting for you: { $count }
home-safety-plan = Your plan for hard moments, in your own words.
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
scope-circle-names = Names in my circle
scope-circle-names-desc = With "My circle" on: this clinician also sees the names you gave people and groups. Without it they see kinds, support and findings, but not who.
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
field-public-directory = Let visitors who are not signed in search Find community
field-require-totp = Require two-step sign-in for clinicians and admins
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

## Safety net: navigation and shared words
nav-safety-plan = My safety plan
nav-alerts = Alerts
cancel = Cancel
done-plan-saved = Your safety plan is saved.
done-safe-noted = Thank you for letting us know. We are glad you are safe right now.
done-alert-acknowledged = Acknowledged. The alert no longer escalates.
done-alert-resolved = The alert is resolved.
done-deleted = Deleted.
help-chat = Chat online
help-always-open = Open 24/7

## Crisis cards (safe messaging: no method detail, no statistics, no judgement)
card-low-label = Support options
card-low-text = If things feel heavy, support is here whenever you want it.
card-low-link = See support options
card-dismiss = Dismiss
card-close = Close
card-moderate-title = Thank you for sharing this
card-moderate-lead = It sounds like things are really hard right now. You do not have to carry this alone, and reaching out can help.
card-severe-title = You matter. Help is here right now.
card-severe-lead = Thank you for telling us. If you might act on thoughts of ending your life, please reach out now.
card-emergency-first = If you are in immediate danger, call emergency services:
card-primary = Talk to someone now:
card-help-now = I need help now
card-help-now-hint = This tells your care team right away that you need them.
card-safe-now = I'm safe right now
card-team-closed = Your care team is not at work right now and will respond when they are back.
card-team-closed-until = Your care team is not at work right now. They will respond from { $time }.
card-always-open = These lines are open day and night:
card-your-people = People you said you can reach
card-safety-plan = Open my safety plan
card-more-options = More options
card-all-lines = All crisis lines
card-other-title = How to help someone you are worried about
card-other-lead = It is kind of you to look out for them. You do not have to fix this alone.
card-other-step-ask = Ask them how they are doing, directly and gently. Asking does not make things worse.
card-other-step-listen = Listen without judging. Let them know you care and that they are not alone.
card-other-step-connect = Help them connect with a crisis line or someone they trust. You can offer to call together.
card-other-step-danger = If they are in immediate danger, call emergency services.
card-other-step-self = Look after yourself too: talk with someone you trust or with your care team.
help-sent-title = Your care team has been told
help-sent-lead = We let your care team know that you need help now. Someone will reach out to you.
help-sent-none = We could not reach anyone on your care team just now. Please use the lines below.
help-sent-while = While you wait, you can talk to someone right now:

## Safety plan
plan-title = My safety plan
plan-title-of = Safety plan: { $name }
plan-lead = Your plan for hard moments, in your own words. Only you can change it; your clinician sees it only if you share it.
plan-edit = Edit my safety plan
plan-edit-lead = Write one thing per line. Save as often as you like; you can come back any time.
plan-print-hint = To keep a paper copy, print this page.
plan-updated = Last changed { $time }
plan-empty-step = Nothing here yet.
plan-step-warning-signs = 1. Warning signs that a crisis may be coming
plan-step-coping = 2. Things I can do on my own to take my mind off my problems
plan-step-distractions = 3. People and places that help me feel better
plan-step-helpers = 4. People I can ask for help
plan-step-professionals = 5. Professionals and crisis lines I can contact
plan-step-safer-surroundings = 6. Making my surroundings safer
plan-step-reasons = My reasons for living
plan-hint-warning-signs = Thoughts, feelings, situations or behaviours that tell you things are getting harder.
plan-hint-coping = For example: a walk, music, a shower, a game.
plan-hint-distractions = People to be around and places to go, without having to talk about how you feel.
plan-hint-professionals = Your care team and the practice's crisis lines are added for you. Add anyone else here.
plan-hint-safer-surroundings = Steps that put distance between you and things you could use to hurt yourself, in your own words.
plan-hint-reasons = The people, hopes and things that matter to you.
plan-hint-helpers = People you could call or text when things are hard. A phone number is optional.
plan-helper-name = Name
plan-helper-phone = Phone (optional)
plan-care-team-member = { $name } (your care team, through Hearth)
plan-credit = The six steps follow the Stanley–Brown Safety Planning Intervention.
error-plan-too-many = Please keep this to 20 lines or fewer.
error-plan-too-long = One line here is too long. Please keep each line under 500 characters.
error-plan-phone = Enter a phone number using digits, spaces, + or -.
error-plan-helper-name = Add a name for this phone number.

## Alerts (for the care team)
alerts-title = Safety alerts
alerts-lead = Alerts you were told about, the most urgent first. An alert holds the level and time, never the member's words.
alerts-show-all = Show resolved alerts too
alerts-show-open = Show only alerts that need you
alerts-empty = No alerts need you right now.
alerts-caption = Safety alerts, most urgent first
alerts-back = Back to all alerts
alert-title = Alert for { $name }
alert-member = Member
alert-level = Level
alert-status = Status
alert-raised = Raised
alert-signals = Signals
alert-source = Where
alert-told = Told
alert-outcome = Outcome
alert-note = Note
alert-note-hint = Optional. For the care team; the member does not see it.
alert-minutes-ago = { $minutes } min ago
alert-no-words = Hearth never shows or sends what the member wrote. Reach out to them directly.
alert-see-plan = See their safety plan
alert-acknowledge = Acknowledge: I am handling this
alert-acknowledge-hint = Acknowledging stops escalation to the on-call list.
alert-resolve-legend = Resolve with an outcome
alert-resolve = Resolve
alert-timeline = What happened
alert-someone = Hearth
alert-level-none = None
alert-level-low = Low
alert-level-moderate = Moderate
alert-level-severe = Severe
alert-status-open = Needs acknowledgement
alert-status-acknowledged = Acknowledged
alert-status-resolved = Resolved
alert-source-safety-plan = Their safety plan
alert-source-help-now = They pressed "I need help now"
alert-source-checkin-note = A check-in note
alert-source-circle-note = A note in their circle
alert-source-group-post = A group post
alert-outcome-reached-out = Reached out to the member
alert-outcome-member-safe = Member is safe
alert-outcome-referred-to-crisis-services = Referred to crisis services
alert-outcome-no-action-needed = No action needed
alert-reason-care-team = care team
alert-reason-on-call = on call
alert-reason-escalation = escalation
alert-event-alert-raised = Alert raised
alert-event-alert-repeated = Another signal from { $name } joined this alert
alert-event-alert-notified = Someone was told
alert-event-alert-escalated = Not acknowledged in time: escalated
alert-event-alert-acknowledged = Acknowledged by { $name }
alert-event-alert-resolved = Resolved by { $name }
alert-event-member-safe = { $name } said they are safe right now
error-alert-outcome = Choose an outcome.
error-alert-note-long = Please keep the note under 2000 characters.
error-alert-not-acknowledged = Acknowledge the alert before resolving it.
alert-email-subject = Hearth: a { $level } safety alert needs you
alert-email-why-new = A member you care for may be in danger.
alert-email-why-worse = An open alert has become more urgent.
alert-email-why-help-now = A member pressed "I need help now".
alert-email-why-escalated = Nobody has acknowledged this alert yet, so it was passed to you.
alert-email-body =
    { $why }

    Member: { $name }
    Level: { $level }
    Raised: { $time }

    Open the alert to acknowledge it: { $link }

    This email never contains what the member wrote.
    — { $practice } on Hearth

## Crisis lines (admin)
admin-crisis-lines = Crisis lines
crisis-lines-lead = The help page and every crisis card use these lines. Cards show the lines for your practice's region ({ $region }), those in the reader's language first; the first line listed is the main one.
crisis-line-add = Add a crisis line
crisis-line-edit-title = Edit crisis line
crisis-line-edit = Edit { $name }
crisis-line-delete = Delete { $name }
crisis-line-contact = How to reach
crisis-line-actions = Actions
crisis-line-language-any = Any language
crisis-line-language-en = English
crisis-line-language-ko = Korean
field-line-name = Name
field-region = Region (country code)
hint-region = Two letters, such as US or KR.
field-line-language = Language
field-line-phone = Phone number to call
hint-line-contact = Give at least one of a phone number, a text number or a chat link.
field-line-text = Number to text
field-line-keyword = Word to text (if the line asks for one)
field-line-chat = Chat link (https://)
field-line-always-open = Open 24 hours, every day
field-line-hours = Opening hours
hint-line-hours = In your words, for lines that are not always open, e.g. "Mon–Fri 9:00–17:00".
field-line-emergency = Emergency services
error-crisis-region = Enter a two-letter country code, such as US.
error-crisis-no-contact = Give a phone number, a text number or a chat link.
error-crisis-number = Use digits, spaces, + or - only.
error-crisis-chat-url = Enter a link that starts with https://.

## Practice settings: safety net
field-practice-time-zone = Practice time zone
hint-practice-time-zone = For office hours, e.g. America/New_York or Asia/Seoul.
hint-practice-region = Where the practice works, as a two-letter country code. Crisis cards show this region's lines.
field-office-hours = Office hours
hint-office-hours = When the care team reads alerts. Leave a day empty if closed. Outside these hours, crisis cards say when the team will respond and list lines open day and night.
field-opens = Opens
field-closes = Closes
field-on-call = On-call list
hint-on-call = Told about alerts nobody acknowledged in time, and about alerts for members without a care team. If nobody is chosen, the admins are told.
field-ack-severe = Minutes before a severe alert escalates
field-ack-moderate = Minutes before a moderate alert escalates
hint-ack-minutes = Between 1 and 1440.
error-ack-minutes = Enter a number of minutes between 1 and 1440.
error-office-hours = Enter opening and closing times, with opening first.
error-practice-time-zone = Enter a time zone such as America/New_York.
settings-crisis-lines-link = Crisis lines are set on their own page.
day-mon = Monday
day-tue = Tuesday
day-wed = Wednesday
day-thu = Thursday
day-fri = Friday
day-sat = Saturday
day-sun = Sunday

## My circle
nav-circle = My circle
home-circle = The people and communities you count on, and what might be missing.
circle-title = My circle
circle-lead = The people, groups and communities in your life, closest in the middle. Only you see names unless you choose to share them.
circle-changes-link = What changed since an earlier date
circle-map-title = Map of my circle
circle-map-desc = You are in the centre, with three circles around you: inner, middle and outer. Each person or community is a shape on its circle; the table below lists the same.
circle-me = Me
circle-legend-circle = Circle: family and friends
circle-legend-square = Square: professionals and therapy groups
circle-legend-diamond = Diamond: peer support
circle-legend-triangle = Triangle: faith or spiritual community
circle-legend-hexagon = Hexagon: activity group
circle-legend-star = Star: online community
circle-legend-pentagon = Pentagon: work, school or other
circle-legend-strain = Strain: this relationship is often hard on you
circle-legend-one-sided = Arrow: support flows mostly one way, in the arrow's direction
circle-analysis-title = What Hearth sees
circle-empty = Start with one person, group or community you count on, even a little.
circle-tone-gap = Gap:
circle-tone-notice = Worth a look:
circle-tone-strength = Going well:
circle-coverage-title = Support you have
circle-coverage-row = { $support }: { $count } at least sometimes
circle-single-point = only one person gives this
circle-communities-present = Kinds of community in your circle: { $list }
circle-communities-missing = Not yet in your circle: { $list }
circle-add-title = Add someone
circle-field-name = Name
circle-name-hint = A first name, a nickname or the name of a group. Only you see it.
circle-field-ring = Circle
circle-ring-hint = Inner: people you can't imagine life without. Middle: close, but not that close. Outer: people and groups who are part of your life.
circle-field-kind = Kind
circle-add = Add to my circle
circle-table-title = Everyone in my circle
circle-table-caption = The people and communities in your circle, the same as the map
circle-col-gives = Gives me at least sometimes
circle-field-strain = Strain (critical, draining or conflict)
circle-field-be-myself = I can be myself there
circle-field-last-contact = Last contact
circle-col-actions = Actions
circle-crisis-contact-short = reachable in a crisis
circle-connected = We connected today: { $name }
circle-edit = Edit { $name }
circle-entry-title = { $name } in my circle
circle-entry-lead = Answer what you like; everything here is optional and you can come back any time.
circle-support-legend = Support, each way
circle-support-hint = 0 never, 1 rarely, 2 sometimes, 3 almost always.
circle-support-type = Kind of support
circle-they-give = They give me
circle-i-give = I give them
circle-they-give-for = They give me: { $support }
circle-i-give-for = I give them: { $support }
circle-not-answered = Not answered
circle-strain-hint = How often is this relationship critical of you, draining or in conflict?
circle-field-contact-now = How often we are in touch now
circle-field-contact-wished = How often I would like to be
circle-field-modes = How we keep in touch
circle-field-known-for = Known for
circle-field-proximity = How near
circle-field-crisis-contact = I could reach them in a crisis
circle-crisis-contact-hint = They are offered for your safety plan, as someone you can ask for help.
circle-field-phone = Phone (optional)
circle-field-note = Private note
circle-note-hint = Only you see this note.
circle-back = Back to my circle
circle-remove = Remove { $name }
circle-remove-lead = This removes them from your circle and your map. Past snapshots keep them, so "what changed" still shows it.
circle-remove-in-plan = { $name } is in your safety plan. Removing them here also removes them from the plan.
circle-remove-confirm = Remove
circle-changes-title = What changed in my circle
circle-changes-since = Since
circle-changes-show = Show
circle-changes-compared = Compared with your circle as it was on { $time }.
circle-changes-none-then = Your circle was empty then, so everything in it now is new.
circle-changes-people = People and communities
circle-changes-no-people = Nobody was added, removed or moved.
circle-added-since = { $name } joined your circle
circle-removed-since = { $name } left your circle
circle-moved = { $name } moved from the { $from } circle to the { $to } circle
circle-changes-new = New since then
circle-changes-nothing = Nothing here.
circle-changes-resolved = No longer true
circle-kind-household = Household
circle-kind-partner = Partner
circle-kind-family = Family
circle-kind-chosen-family = Chosen family
circle-kind-friend = Friend
circle-kind-work-or-school = Work or school
circle-kind-neighbour = Neighbour
circle-kind-professional = Therapist or other professional
circle-kind-therapy-group = Therapy group
circle-kind-peer-support-group = Peer-support group
circle-kind-faith-community = Faith or spiritual community
circle-kind-activity-group = Activity group
circle-kind-online-community = Online community
circle-kind-other = Other
circle-ring-inner = inner
circle-ring-middle = middle
circle-ring-outer = outer
circle-support-emotional = emotional
circle-support-practical = practical
circle-support-informational = advice
circle-support-esteem = belief in me
circle-support-belonging = belonging
circle-support-emotional-prompt = Emotional: listens, comforts, cares how I feel
circle-support-practical-prompt = Practical: helps with things like lifts, meals, money or childcare
circle-support-informational-prompt = Advice: helps me understand a situation
circle-support-esteem-prompt = Belief in me: gives honest feedback, makes me feel capable
circle-support-belonging-prompt = Belonging: someone to do things with, part of something
circle-level-0 = 0 never
circle-level-1 = 1 rarely
circle-level-2 = 2 sometimes
circle-level-3 = 3 almost always
circle-be-myself-yes = Yes
circle-be-myself-sometimes = Sometimes
circle-be-myself-no = No
circle-frequency-daily = Daily
circle-frequency-weekly = Weekly
circle-frequency-monthly = Monthly
circle-frequency-few-times-a-year = A few times a year
circle-frequency-rarely = Rarely
circle-mode-in-person = In person
circle-mode-phone = Phone
circle-mode-video = Video
circle-mode-text = Text messages
circle-mode-email = Email
circle-mode-online = Online (social media, forums, games)
circle-known-under-a-year = Less than a year
circle-known-one-to-five-years = One to five years
circle-known-over-five-years = More than five years
circle-proximity-same-home = Same home
circle-proximity-walking = Walking distance
circle-proximity-same-city = Same town or city
circle-proximity-far = Further away
circle-proximity-online-only = Online only
circle-community-professional = professional support
circle-community-peer-support = peer support
circle-community-faith = faith or spiritual
circle-community-activity = activity-based
circle-community-online = online
circle-community-family-friends = family and friends
finding-support-missing = Nobody in your circle gives you { $support } support at least sometimes yet.
finding-support-single = Only { $name } gives you { $support } support. If they are away, that support goes too.
finding-community-missing = There is no { $community } community in your circle yet.
finding-reciprocity-giving-more = Overall you give more support than you receive.
finding-reciprocity-one-sided-giving = With { $name }, support flows mostly from you to them.
finding-reciprocity-one-sided-receiving = { $name } supports you, and you give little back for now.
finding-strain-key-provider = { $name } supports you and is also often hard on you.
finding-strain-not-myself = You can't be yourself with { $name }.
finding-quiet-overdue = It has been { $number ->
        [one] a day
       *[other] { $number } days
    } since you were last in touch with { $name }, longer than you would like.
finding-quality-inner-empty = Nobody is in your inner circle yet.
finding-quality-inner-be-myself = You can be yourself with { $number ->
        [one] one person
       *[other] { $number } people
    } in your inner circle.
finding-quality-inner-not-myself = In your inner circle there is nobody you can fully be yourself with yet.
step-add-support = Think of one more person or place for { $support } support, and add them.
step-find-community = Look for one { $community } group you could try once.
step-message = Send { $name } a two-line message.
step-give-back = Find one small way to give something back to { $name }.
step-talk-it-through = Talk it through with someone you trust or your care team.
step-keep = Keep doing what works.
error-api-days = Choose a number of days from 1 to 366.
error-api-word = This value is not one of the allowed words.
error-search-value = This is not one of the allowed values.
error-search-number = This is not a number.
error-search-text-long = Search text is limited to 200 characters.
error-search-days = Give a number of days from 1 to 60.
error-search-page = This page number or page size is out of range.
error-search-radius = Give a distance above 0 and at most 500 km.
error-search-coordinate = This is not a place on Earth: latitude is −90 to 90, longitude −180 to 180.
error-search-point = A distance needs a place: give both latitude and longitude.
error-circle-range = Choose a value from 0 to 3.
error-circle-future = This date is in the future.
error-circle-ring = Choose inner, middle or outer.
error-circle-date = Enter a date like 2026-11-25.
error-circle-full = Your circle has reached its limit of 500 entries.
done-circle-added = Added to your circle. Add more details whenever you like.
done-circle-connected = Noted: you connected today.
done-circle-removed = Removed from your circle.
plan-from-circle-places = People and places from my circle that help me feel better
plan-crisis-contact-hint = You said you could reach them in a crisis.
clients-open = Open
clients-see-circle = Circle of { $name }
clients-see-plan = Safety plan of { $name }
clients-back = Back to clients
client-circle-title = Circle of { $name }
client-circle-names = Shared with names.
client-circle-no-names = Shared without names: each person or group is shown by its kind. The member can choose to share names.
circle-unnamed = { $kind } { $number }

## Check-ins
nav-checkin = Check in
home-checkin = Three taps: how you are, your energy, how connected you feel.
checkin-title = Check in
checkin-lead = How are you right now? Three taps is enough; everything else is optional.
checkin-mood = Mood
checkin-energy = Energy
checkin-connectedness = Connectedness
checkin-mood-1 = Very low
checkin-mood-2 = Low
checkin-mood-3 = Okay
checkin-mood-4 = Good
checkin-mood-5 = Very good
checkin-energy-1 = Exhausted
checkin-energy-2 = Tired
checkin-energy-3 = Some energy
checkin-energy-4 = Energetic
checkin-energy-5 = Full of energy
checkin-connectedness-1 = Very alone
checkin-connectedness-2 = A bit alone
checkin-connectedness-3 = In between
checkin-connectedness-4 = Connected
checkin-connectedness-5 = Very connected
checkin-connected-with = Who I connected with today (optional)
checkin-note = A note (optional)
checkin-save = Check in
checkin-trends-link = See my trends
checkin-reminders-link = Reminders
checkin-back = Back to check in
done-checkin-saved = Thank you for checking in.
error-checkin-choose = Choose one of the five.
checkin-trends-title = My check-in trends
checkin-trends-of = Check-in trends: { $name }
checkin-window-label = Time span
checkin-window = { $days } days
checkin-count = { $count ->
        [one] One check-in
       *[other] { $count } check-ins
    } in the last { $days } days.
checkin-chart-label = Daily average over the last { $days } days; the table below lists the same.
checkin-no-data = No check-ins in this time.
checkin-table = Show as a table
checkin-day = Day
checkin-average = Average (1–5)
checkin-reminders-title = Check-in reminders
checkin-reminders-lead = A gentle email on the days and time you choose. Off unless you turn it on; a missed day is never counted.
checkin-reminders-on = Send me reminders
checkin-reminders-days = On these days
checkin-reminders-time = At this time
checkin-reminders-time-hint = In your own time zone (set in your profile).
error-reminder-time = Enter a time like 19:00.
error-reminder-days = Choose at least one day, or turn reminders off.
checkin-reminder-subject = A moment to check in
checkin-reminder-body =
    Hello,

    If you have a moment, how are you today? Three taps is enough:
    { $link }

    If now isn't a good time, that's fine. You can change or turn off these reminders on the same page.
clients-see-checkins = Check-ins of { $name }

## Measures
nav-measures = Measures
measures-title = Measures
measures-lead = Short, well-studied questionnaires. Your answers and scores are yours; your clinician sees them only if you share measures.
measures-last = Last: { $result }
measures-never = Not taken yet.
measures-due = Next due { $date } (every { $days } days).
measures-take = Take { $name }
measures-see-results = Results of { $name }
measures-working-translation = This Korean text is a working translation, not the validated Korean version.
measures-submit = Save my answers
measures-score = Score: { $score }
measures-since-last = Since last time: { $change }
measures-chart-label = Scores over time, on the instrument's bands; the table below lists the same.
measures-chart-caption = Shaded strips are the bands. ▲ marks a reliable improvement and ▼ a reliable worsening since the time before.
measures-when = When
measures-total = Score
measures-band = Band
measures-change = Change
measures-every = Remind me in the list every … days
measures-every-hint = For example 14 for every two weeks. Leave empty for no schedule.
measures-back = Back to measures
measure-change-improved = reliable improvement
measure-change-worse = reliable worsening
measure-change-same = no reliable change
measure-change-unknown = no published figure for reliable change
measure-reliable-recovery = reliable recovery
measure-recovery = recovery
error-measure-count = Answer every question.
error-measure-range = Choose one of the answers shown.
error-measure-incomplete = Some questions have no answer yet.
error-measure-missing = Choose an answer for this question.
done-measure-saved = Your answers are saved.
done-schedule-invalid = Enter a number of days from 0 to 365.
alert-source-measure = A questionnaire answer

## Export
export-title = Download my data
export-lead = Your own data, to keep or take elsewhere. JSON keeps everything; CSV opens in a spreadsheet. Names and notes in these files are private: store them with care.
export-checkins = Check-ins
export-json = { $what } as JSON
export-csv = { $what } as CSV
export-fhir = Measures as FHIR (QuestionnaireResponse)
client-measures-title = Measures: { $name }
client-measures-every = Due every … days ({ $name })
clients-see-measures = Measures of { $name }

## Find community
landing-find-community = Find groups and communities near you
nav-community = Find community
community-title = Find community
community-lead = Groups and services around the practice. Search by what you need and what makes it easier to go.
community-q = Search
community-q-hint = Words in the name, description, organisation or tags, e.g. grief, walking, 걷기.
community-filters = Filters
community-filter-kind = Kind of community
community-filter-format = How it meets
community-filter-focus = What it is about
community-filter-cost = Cost
community-filter-access = Access needs (all must be met)
community-filter-participation = Taking part (all must be offered)
community-filter-language = Language
community-filter-day = Day
community-filter-time = Time of day
community-within-days = Meets within this many days
community-within-days-hint = From 1 to 60. Leave empty for any time.
community-near = Distance
community-near-hint = Your location is used only for this search and is not saved. Online groups have no distance and are left out of a distance search.
community-use-location = Use my location
community-location-finding = Finding your location…
community-location-found = Location filled in.
community-location-failed = Your location could not be found. You can type a latitude and longitude instead.
community-lat = Latitude
community-lon = Longitude
community-radius = Within (km)
community-radius-hint = Up to 500 km. Default 10 km.
community-sort = Sort by
community-sort-relevance = Best match
community-sort-distance = Nearest first
community-sort-next = Meeting soonest
community-search = Search
community-results = { $count ->
    [0] No results
    [one] 1 result
   *[other] { $count } results
}
community-none = Nothing matches all of these. Try fewer filters or other words.
community-next = Next meeting
community-distance = Distance
community-online-only = Online, no travel
community-needs-review = Not checked in the last 6 months: details may have changed.
community-pages = Result pages
community-prev = Previous page
community-next-page = Next page
community-when = { $day } { $time }
community-km = { $km } km
community-once = Once, on { $date }
community-daily = Every day
community-weekly = Every week on { $days }
community-every-weeks = Every { $weeks } weeks on { $days }
community-monthly = { $nth ->
    [-1] The last { $day } of each month
    [1] The first { $day } of each month
    [2] The second { $day } of each month
    [3] The third { $day } of each month
    [4] The fourth { $day } of each month
   *[other] The fifth { $day } of each month
}
community-rule = Repeats by the rule { $rule }
community-schedule = { $pattern }, { $times } ({ $zone } time)
community-temporarily-closed = Temporarily closed
community-back = Back to Find community
community-retired = This resource is retired: it no longer shows in search.
community-when-heading = When
community-no-schedule = No regular meeting times are listed. Contact them to ask.
community-upcoming = Next meetings (your time)
community-add-calendar = Add to my calendar
community-where = Where
community-join-online = Join online
community-join-phone = Join by phone: { $phone }
community-no-place = No place or link is listed.
community-details = Details
community-contact = Contact
community-website = Website
community-org-website = { $name } website
community-never-verified = These details have not been checked by the practice yet.
community-verified = Checked on { $date } by { $by }.
community-edit = Edit this resource
community-edit-named = Edit { $name }
community-fact-focus = About
community-fact-languages = Languages
community-fact-cost = Cost
community-fact-ages = Ages
community-fact-eligibility = Who can join
community-fact-tags = Also known for
community-manage-title = Manage the directory
community-manage-lead = { $count ->
    [one] The directory holds 1 resource.
   *[other] The directory holds { $count } resources.
}
community-add = Add a resource
community-import-title = Import a file
community-review-heading = Needs review
community-review-hint = Never checked, or last checked more than 180 days ago. Check the details with the group, then mark it checked.
community-review-none = Everything has been checked in the last 180 days.
community-col-name = Name
community-col-source = Source
community-col-verified = Last checked
community-col-actions = Actions
community-verify = Mark { $name } checked today
community-verify-this = I checked these details today
community-never = Never
community-name = Name
community-description = Description
community-facilitation = Led by
community-languages = Languages
community-languages-hint = Two-letter codes separated by commas, e.g. en, ko.
community-cost-kind = Cost
community-cost-amount = Amount
community-currency = Currency
community-currency-hint = Three letters, e.g. USD, KRW.
community-min-age = Youngest age
community-max-age = Oldest age
community-other-schedules = { $count ->
    [one] This resource has 1 more meeting time from its source; it is kept as it is.
   *[other] This resource has { $count } more meeting times from its source; they are kept as they are.
}
community-first-date = First meeting date
community-start-time = Start time
community-minutes = Length in minutes
community-repeat = Repeats
community-repeat-weekly = Every week
community-repeat-fortnightly = Every two weeks
community-repeat-monthly = Monthly, on the same weekday of the month
community-repeat-once = Does not repeat
community-repeat-custom = A rule I type (RFC 5545)
community-rule-field = Repeat rule
community-rule-hint = Only for "A rule I type", e.g. FREQ=MONTHLY;BYDAY=1SA,3SA.
community-place-name = Place name
community-address = Street address
community-city = City
community-region = Region or state
community-postal-code = Postal code
community-country = Country code
community-directions = Getting there
community-online-url = Link to join online
community-online-phone = Phone number to join
community-org-name = Organisation
community-org-website-field = Organisation website
community-phone = Phone
community-save = Save
community-restore = Restore to search
community-retire = Retire (take out of search)
community-unknown = Not known
community-import-lead = Upload a Meeting Guide feed or an HSDS 3.0 JSON file. The file is one transaction: each record is added, updated or rejected with the reason, and a file that cannot be read changes nothing.
community-import-failed = The file was not imported
community-import-format = Format
community-format-meeting-guide = Meeting Guide JSON feed
community-format-hsds-json = Open Referral HSDS 3.0 JSON
community-import-file = File
community-import-dry-run = Check only: report what would happen and change nothing
community-import-go = Import
community-import-report-dry = What would happen (nothing was changed)
community-import-report = What happened
community-import-counts = Added { $added }, updated { $updated }, rejected { $rejected }.
community-col-id = Record
community-col-outcome = Outcome
community-col-reason = Reason or note
community-import-added = Added
community-import-updated = Updated
community-import-rejected = Rejected
error-community-web-address = Give a web address starting with https:// or http://.
error-community-languages = Give two- or three-letter language codes separated by commas.
error-community-amount = Give an amount of 0 or more, e.g. 12.50.
error-community-currency = Give a three-letter currency code, e.g. USD.
error-community-age = Give an age from 0 to 130.
error-community-age-order = The oldest age is below the youngest.
error-community-date = Give a date as YYYY-MM-DD.
error-community-time = Give a time as HH:MM (24-hour).
error-community-minutes = Give a length from 1 to 1440 minutes.
error-community-rule = This repeat rule cannot be used: check it, or choose another way it repeats.
error-community-invalid = Something in this resource cannot be saved; check the fields.
error-community-file = Choose a file.
done-resource-saved = Saved.
done-resource-verified = Marked as checked today.
done-resource-retired = Retired: it no longer shows in search.
done-resource-restored = Restored to search.
dir-kind-professional = Professional
dir-kind-peer_support = Peer support
dir-kind-faith = Faith or spiritual
dir-kind-activity = Activity group
dir-kind-online = Online community
dir-kind-family_friends = Family and friends
dir-format-in_person = In person
dir-format-online = Online
dir-format-hybrid = In person or online
dir-format-phone = By phone
dir-facilitation-peer = Peer-led
dir-facilitation-professional = Professionally led
dir-focus-grief = Grief and loss
dir-focus-addiction_recovery = Addiction recovery
dir-focus-family_of_someone_in_recovery = Family of someone in recovery
dir-focus-anxiety = Anxiety
dir-focus-depression = Depression
dir-focus-trauma = Trauma
dir-focus-chronic_illness = Chronic illness
dir-focus-caregiving = Caregiving
dir-focus-life_transitions = Life transitions
dir-focus-lgbtq = LGBTQ+
dir-focus-parents = Parents
dir-focus-young_adults = Young adults
dir-focus-older_adults = Older adults
dir-focus-women = Women
dir-focus-men = Men
dir-focus-loneliness = Loneliness
dir-cost-free = Free
dir-cost-sliding_scale = Sliding scale
dir-cost-fee = Fee
dir-participation-listening_welcome = Listening only is welcome
dir-participation-camera_optional = Camera optional
dir-participation-drop_in = Drop in
dir-participation-registration = Registration needed
dir-participation-closed_group = Closed group
dir-access-childcare = Childcare
dir-access-near_transit = Near public transit
dir-access-step_free = Step-free access
dir-access-interpretation = Interpretation
dir-language-en = English
dir-language-ko = Korean
dir-day-mo = Monday
dir-day-tu = Tuesday
dir-day-we = Wednesday
dir-day-th = Thursday
dir-day-fr = Friday
dir-day-sa = Saturday
dir-day-su = Sunday
dir-time-morning = Morning (5–12)
dir-time-afternoon = Afternoon (12–17)
dir-time-evening = Evening (17–21)
dir-time-night = Night (21–5)
