# Hearth — 한국어. 키는 en-US/main.ftl과 맞춰 주세요 (테스트에서 확인해요).

## 레이아웃
skip-to-content = 본문으로 건너뛰기
get-help-now = 지금 도움 받기
nav-label = 주 메뉴
nav-home = 홈
nav-care-team = 나의 케어팀
nav-clients = 나의 내담자
nav-admin = 관리
nav-account = 계정
nav-sign-in = 로그인
nav-sign-out = 로그아웃
language-switch = 언어:
footer-text = Hearth는 소중한 사람들과 계속 연결될 수 있도록 도와요. 위험한 상황이라면 한 번만 눌러도 도움을 받을 수 있어요.
back-home = 홈으로 돌아가기
save = 저장
actions = 작업
form-has-errors = 아래 항목을 확인해 주세요

## 작업 후 알림
done-saved = 저장했어요.
done-signed-out = 로그아웃했어요.
done-signin-expired = 로그인 시간이 너무 오래 걸렸어요. 처음부터 다시 시도해 주세요.
done-invite-accepted = 환영해요! 계정이 준비되었어요. 로그인해 주세요.
done-password-reset = 비밀번호가 변경되었고 모든 기기에서 로그아웃되었어요. 다시 로그인해 주세요.
done-session-ended = 해당 세션에서 로그아웃했어요.
done-sessions-ended = 다른 모든 세션에서 로그아웃했어요.
done-totp-on = 2단계 인증이 켜졌어요.
done-totp-off = 2단계 인증이 꺼졌어요.
done-care-accepted = 수락했어요. 아래에서 공유할 항목을 선택해 주세요.
done-care-ended = 케어 연결이 종료되었어요.
done-consent-saved = 공유 설정을 저장했어요.
done-care-offered = 케어 초대를 보냈어요.

## 오류
error-required = 필수 항목이에요.
error-too-long = 너무 길어요.
error-email-invalid = name@example.org와 같은 형식으로 이메일 주소를 입력해 주세요.
error-email-taken = 이미 사용 중인 이메일이에요.
error-password-short = 10자 이상 입력해 주세요.
error-password-weak = 너무 쉽게 추측할 수 있는 비밀번호예요. 서로 관계없는 단어 몇 개를 이어 써 보세요.
error-time-zone = 목록에서 시간대를 선택해 주세요.
error-language = 영어 또는 한국어를 선택해 주세요.
error-roles-required = 역할을 하나 이상 선택해 주세요.
error-role-unknown = 존재하지 않는 역할이에요.
error-scope-unknown = 존재하지 않는 데이터 종류예요.
error-totp-wrong = 코드가 맞지 않아요. 인증 앱을 확인하고 다시 시도해 주세요.
error-totp-throttled = 잘못된 코드를 너무 많이 입력했어요. 몇 분 뒤에 다시 시도해 주세요.
error-not-a-member = 이 분은 이 상담소의 회원이 아니에요.
error-already-linked = 이미 이 분과 연결되어 있어요.
error-keep-own-admin = 본인의 관리자 역할은 해제할 수 없어요.
error-title-not-found = 페이지를 찾을 수 없어요
error-title-forbidden = 접근할 수 없는 페이지예요
error-title-problem = 문제가 발생했어요
error-page-not-found = 요청하신 페이지를 찾을 수 없어요.
error-page-forbidden = 현재 계정으로는 이 페이지를 열 수 없어요.
error-page-unavailable = 지금은 Hearth가 데이터베이스에 연결할 수 없어요. 몇 분 후에 다시 시도해 주세요. 지금 도움이 필요하다면 도움 페이지는 계속 이용할 수 있어요.
error-page-internal = 저희 쪽에서 문제가 발생했어요. 다시 시도해 주세요.

## 첫 화면과 홈
landing-title = Hearth에 오신 것을 환영해요
landing-lead = 케어팀과 함께하며, 내가 받고 있는 지지를 살펴보고, 나에게 맞는 공동체를 찾고, 안전하게 지낼 수 있는 공간이에요.
landing-body = Hearth는 이용 중인 상담소에서 운영해요. 케어팀이 초대를 보내 드려요. 계정이 있다면 아래에서 로그인해 주세요.
landing-help-heading = 지금 누군가와 이야기가 필요하신가요?
landing-help-body = 도움을 받는 데 계정은 필요하지 않아요.
home-title = 홈
home-greeting = { $name }님, 안녕하세요
home-open-alerts = 확인을 기다리는 안전 알림: { $count }건
home-safety-plan = 힘든 순간을 위한 나만의 계획을 내 말로 적어 두세요.
home-lead = 오늘은 무엇을 해 볼까요?
home-care-team = 나의 케어팀이 누구인지, 그리고 어떤 정보를 공유하고 있는지 확인해요.
home-pending-care = 응답을 기다리는 케어 초대
home-profile = 이름, 호칭(대명사), 언어, 시간대를 관리해요.
home-sessions = 로그인되어 있는 기기를 확인해요.
home-help = 언제든 이용할 수 있는 위기 상담전화예요.

## 도움 받기
help-title = 지금 도움 받기
help-lead = 위험한 상황이거나 스스로 목숨을 끊는 생각이 든다면 지금 바로 연락해 주세요. 아래 상담전화는 무료이며 비밀이 보장돼요.
help-country-us = 미국
help-country-kr = 대한민국
help-country-other = 다른 상담전화
help-call = { $number }에 전화하기
help-text = { $number }에 문자 보내기
help-text-keyword = { $number }에 { $keyword } 문자 보내기
help-not-alone = 당신은 혼자가 아니에요. 할 수 있다면 믿을 수 있는 사람에게 지금 어떤 마음인지 이야기해 보세요.

## 로그인
signin-title = 로그인
signin-submit = 로그인
signin-forgot = 비밀번호를 잊으셨나요?
signin-failed = 이메일 또는 비밀번호가 일치하는 계정이 없어요. 확인하고 다시 시도해 주세요.
signin-throttled = 시도 횟수가 너무 많아요. 몇 분 기다린 후 다시 시도해 주세요.
field-email = 이메일
field-password = 비밀번호
field-new-password = 새 비밀번호
password-hint = 10자 이상이에요. 서로 관계없는 단어 몇 개를 이어 쓰면 좋아요.
field-display-name = 표시 이름
field-display-name-optional = 표시 이름 (선택)
display-name-hint = Hearth에서 다른 사람들에게 보이는 이름이에요. 이름이나 별명이면 충분해요.
field-legal-name = 실명
legal-name-hint = 나의 케어팀만 볼 수 있어요.
field-pronouns = 호칭(대명사)
pronouns-hint = 선택 사항이에요. 예: 그녀, 그, 그들 또는 she/her, they/them.
field-language = 언어
field-time-zone = 시간대
field-roles = 역할
field-totp-code = 인증 앱에 표시된 코드
totp-code-hint = 6자리 숫자예요.
totp-signin-title = 2단계 인증
totp-signin-submit = 계속

## 초대와 비밀번호 재설정
invite-title = 초대 수락하기
invite-lead = 다른 사람들에게 보일 이름과 비밀번호를 정해 주세요.
invite-accept = 계정 만들기
invite-heading = 초대하기
invite-submit = 초대 보내기
invite-sent = 초대를 보냈어요. 7일 동안 유효한 링크는 다음과 같아요:
field-invite-language = 초대 이메일 언어
link-unknown = 유효하지 않은 링크예요. 링크 전체를 복사했는지 확인하거나 새 링크를 요청해 주세요.
link-used = 이미 사용된 링크예요. 본인이 사용한 것이 아니라면 상담소에 도움을 요청해 주세요.
link-expired = 만료된 링크예요. 새 링크를 요청해 주세요.
reset-title = 비밀번호 재설정
reset-lead = 이메일을 입력하시면 새 비밀번호를 정할 수 있는 링크를 보내 드려요.
reset-submit = 링크 보내기
reset-sent = 해당 이메일을 사용하는 계정이 있다면 링크를 보내 드렸어요. 링크는 1시간 동안 유효해요.
reset-choose-lead = 새 비밀번호를 정해 주세요. 이 계정에 로그인된 모든 기기에서 로그아웃돼요.
reset-save = 새 비밀번호 저장
reset-again = 새 링크 요청하기
register-title = 계정 만들기
register-lead = 이메일, 표시 이름, 비밀번호를 정해 주세요.
register-submit = 계정 만들기

## 계정
account-nav-label = 계정
profile-title = 프로필
sessions-title = 로그인된 기기
sessions-lead = 내 계정에 로그인된 기기와 앱이에요. 모르는 항목이 있다면 로그아웃해 주세요.
sessions-device = 기기
sessions-started = 로그인 시각
sessions-last-seen = 마지막 활동
sessions-this-one = 현재 기기
sessions-api = 앱 토큰
sessions-unknown-device = 알 수 없는 기기
sessions-end = 로그아웃
sessions-end-others = 다른 모든 기기에서 로그아웃
sessions-end-all = 모든 기기에서 로그아웃
totp-title = 2단계 인증
totp-is-on = 2단계 인증이 켜져 있어요. 로그인할 때 인증 앱의 코드를 입력하게 돼요.
totp-is-off = 2단계 인증이 꺼져 있어요. 켜 두면 다른 사람이 비밀번호를 알게 되더라도 계정을 보호할 수 있어요.
totp-start = 2단계 인증 켜기
totp-setup-steps = 이 키를 인증 앱에 추가한 다음, 앱에 표시된 6자리 코드를 입력해 주세요.
totp-key-label = 키:
totp-open-app = 이 기기의 인증 앱에서 열기
totp-confirm = 확인하고 켜기
totp-disable = 2단계 인증 끄기
totp-required-notice = 상담소에서 임상가와 관리자에게 2단계 인증 사용을 요청하고 있어요. 계속하려면 2단계 인증을 켜 주세요.

## 케어팀과 동의
care-title = 나의 케어팀
care-lead = 나를 지원하는 임상가들이에요. 각 임상가가 무엇을 볼 수 있는지는 내가 정해요.
care-none = 아직 Hearth에 케어팀이 없어요.
care-offer = 이 임상가가 Hearth에서 나의 케어팀에 함께하고 싶어 해요. 내가 선택하기 전까지는 아무것도 공유되지 않아요.
care-accept = 수락
care-decline = 거절
care-end = 케어 연결 종료
care-sharing = 공유 중인 항목:
care-sharing-nothing = 아직 없음
care-change-consent = { $name }님이 볼 수 있는 항목 변경
care-back = 나의 케어팀으로 돌아가기
care-status-active = 연결됨
care-status-invited = 회원의 응답 대기 중
consent-title = 공유하는 정보
consent-heading = { $name }님이 볼 수 있는 정보
consent-lead = 각 항목을 선택하면 해당 정보를 이 임상가에게만 공유해요. 언제든 바꿀 수 있고, 임상가가 정보를 열람할 때마다 기록이 남아 직접 확인할 수 있어요.
consent-legend = 이 임상가와 공유하기
consent-save = 선택 저장
scope-circle = 나의 지지망
scope-circle-desc = 지지 지도에 있는 사람과 모임, 그리고 그들이 나를 어떻게 지지하는지에 관한 정보예요. 이름 공유를 선택하지 않으면 이름은 보이지 않아요.
scope-checkins = 체크인
scope-checkins-desc = 기분, 에너지, 연결감 체크인과 그 변화 추이예요.
scope-measures = 설문지
scope-measures-desc = PHQ-9, GAD-7 등 설문지에 대한 나의 응답과 점수예요.
scope-groups = 그룹
scope-groups-desc = 내가 속한 Hearth 그룹 목록이에요. 그룹에 쓴 글은 포함되지 않아요.
scope-safety-plan = 안전 계획
scope-safety-plan-desc = 나의 안전 계획이에요: 위험 신호, 대처 방법, 그리고 내가 적어 둔 사람들.
scope-circle-names = 지지망 속 이름
scope-circle-names-desc = "나의 지지망"을 공유할 때, 이 임상가가 내가 적은 사람과 모임의 이름까지 볼 수 있어요. 끄면 종류, 도움, 살펴본 내용은 보이지만 누구인지는 보이지 않아요.
scope-safety-alerts = 안전 알림
scope-safety-alerts-desc = 내가 쓴 글에서 위험한 상황일 수 있다는 신호가 보이면, 이 임상가가 연락할 수 있도록 알림을 받아요. 알림에는 시각과 단계만 담기고, 내가 쓴 내용은 절대 전달되지 않아요.
clients-title = 나의 내담자
clients-none = 아직 연결된 내담자가 없어요.
clients-status = 상태
clients-shared = 공유받은 정보
clients-invite-heading = 내담자를 케어에 초대하기
clients-invite-lead = 내담자의 이메일을 입력해 주세요. 아직 계정이 없다면 먼저 Hearth 초대를 받게 돼요.
clients-invite-submit = 케어 초대 보내기

## 관리
admin-nav-label = 관리
admin-people = 사용자
admin-invitations = 초대
admin-settings = 상담소 설정
admin-audit = 감사 기록
admin-state = 상태
admin-state-invited = 초대됨
admin-state-active = 활성
admin-save-roles = 역할 저장
admin-assign-heading = 임상가 배정
admin-assign-label = 임상가
admin-assign-submit = 케어 연결 제안
admin-no-clinicians = 아직 임상가가 없어요.
admin-invitations-none = 진행 중인 초대가 없어요.
admin-invited-at = 초대일
admin-expires = 만료일
admin-expired = 만료됨
admin-revoke = 취소
role-member = 회원
role-facilitator = 진행자
role-clinician = 임상가
role-admin = 관리자
field-practice-name = 상담소 이름
field-self-registration = 사용자가 직접 계정을 만들 수 있도록 허용
field-require-totp = 임상가와 관리자에게 2단계 인증 필수 적용
audit-action = 작업
audit-person = 사용자
audit-since = 시작
audit-until = 종료
audit-filter = 필터
audit-any = 전체
audit-when = 일시
audit-actor = 수행자
audit-subject = 대상
audit-detail = 세부 정보

## 이메일
email-invite-subject = { $practice }에서 보낸 Hearth 초대장
email-invite-body =
    안녕하세요.

    { $practice }에서 회원님을 Hearth에 초대했어요.

    초대를 수락하려면 7일 안에 아래 링크를 열고 비밀번호를 정해 주세요:
    { $link }

    예상하지 못한 메일이라면 무시하셔도 괜찮아요.
email-reset-subject = Hearth 비밀번호 재설정
email-reset-body =
    안녕하세요.

    회원님의 Hearth 계정 비밀번호 재설정 요청이 있었어요. 새 비밀번호를 정하려면 1시간 안에 아래 링크를 열어 주세요:
    { $link }

    본인이 요청한 것이 아니라면 이 메일은 무시하셔도 괜찮아요. 비밀번호는 그대로 유지돼요.

## 안전망: 메뉴와 공통 문구
nav-safety-plan = 나의 안전 계획
nav-alerts = 알림
cancel = 취소
done-plan-saved = 안전 계획을 저장했어요.
done-safe-noted = 알려 주셔서 고마워요. 지금 안전하다니 다행이에요.
done-alert-acknowledged = 확인했어요. 이 알림은 더 이상 상향 전달되지 않아요.
done-alert-resolved = 알림을 해결 처리했어요.
done-deleted = 삭제했어요.
help-chat = 온라인 채팅하기
help-always-open = 24시간 연중무휴

## 위기 카드 (안전한 메시지 원칙: 방법 묘사 없음, 통계 없음, 판단하지 않기)
card-low-label = 도움 받을 수 있는 곳
card-low-text = 마음이 무겁게 느껴진다면, 원할 때 언제든 도움을 받을 수 있어요.
card-low-link = 도움 받을 수 있는 곳 보기
card-dismiss = 닫기
card-close = 닫기
card-moderate-title = 이야기해 주셔서 고마워요
card-moderate-lead = 지금 정말 힘든 시간을 보내고 계신 것 같아요. 혼자 감당하지 않아도 돼요. 누군가에게 연락하면 도움이 될 수 있어요.
card-severe-title = 당신은 소중한 사람이에요. 지금 바로 도움을 받을 수 있어요.
card-severe-lead = 말해 주셔서 고마워요. 스스로 목숨을 끊는 생각을 행동으로 옮길 수도 있을 것 같다면, 지금 바로 연락해 주세요.
card-emergency-first = 지금 당장 위험한 상황이라면 긴급 신고 전화로 연락해 주세요:
card-primary = 지금 바로 이야기 나눌 수 있는 곳:
card-help-now = 지금 도움이 필요해요
card-help-now-hint = 누르면 내가 지금 도움이 필요하다는 것이 케어팀에 바로 전달돼요.
card-safe-now = 지금은 안전해요
card-team-closed = 지금은 케어팀의 근무 시간이 아니에요. 케어팀이 돌아오면 답변드릴 거예요.
card-team-closed-until = 지금은 케어팀의 근무 시간이 아니에요. { $time }부터 답변드릴 거예요.
card-always-open = 아래 상담전화는 밤낮없이 언제든 연결돼요:
card-your-people = 연락할 수 있다고 적어 둔 사람들
card-safety-plan = 나의 안전 계획 열기
card-more-options = 다른 방법 더 보기
card-all-lines = 모든 위기 상담전화
card-other-title = 걱정되는 사람을 돕는 방법
card-other-lead = 그 사람을 살펴 주셔서 고마워요. 혼자서 모든 것을 해결하지 않아도 돼요.
card-other-step-ask = 요즘 어떻게 지내는지 직접, 그리고 부드럽게 물어보세요. 물어본다고 상황이 더 나빠지지 않아요.
card-other-step-listen = 판단하지 말고 들어 주세요. 그 사람을 아끼고 있다는 것, 그리고 혼자가 아니라는 것을 알려 주세요.
card-other-step-connect = 위기 상담전화나 믿을 수 있는 사람과 연결될 수 있도록 도와주세요. 함께 전화해 주겠다고 말해도 좋아요.
card-other-step-danger = 그 사람이 지금 당장 위험한 상황이라면 긴급 신고 전화로 연락해 주세요.
card-other-step-self = 나 자신도 돌봐 주세요. 믿을 수 있는 사람이나 케어팀과 이야기를 나눠 보세요.
help-sent-title = 케어팀에 알렸어요
help-sent-lead = 지금 도움이 필요하다는 것을 케어팀에 알렸어요. 누군가 연락을 드릴 거예요.
help-sent-none = 지금은 케어팀의 누구에게도 연락이 닿지 않았어요. 아래 상담전화를 이용해 주세요.
help-sent-while = 기다리는 동안에도 지금 바로 누군가와 이야기할 수 있어요:

## 안전 계획
plan-title = 나의 안전 계획
plan-title-of = 안전 계획: { $name }
plan-lead = 힘든 순간을 위해 내 말로 적어 두는 계획이에요. 나만 바꿀 수 있고, 내가 공유할 때만 임상가가 볼 수 있어요.
plan-edit = 나의 안전 계획 수정하기
plan-edit-lead = 한 줄에 하나씩 적어 주세요. 몇 번이든 저장할 수 있고, 언제든 다시 돌아와 이어 쓸 수 있어요.
plan-print-hint = 종이로 간직하고 싶다면 이 페이지를 인쇄해 주세요.
plan-updated = 마지막 수정: { $time }
plan-empty-step = 아직 적은 내용이 없어요.
plan-step-warning-signs = 1. 위기가 다가오고 있음을 알려 주는 위험 신호
plan-step-coping = 2. 힘든 생각에서 잠시 벗어나기 위해 혼자 할 수 있는 일
plan-step-distractions = 3. 기분이 나아지도록 도와주는 사람과 장소
plan-step-helpers = 4. 도움을 요청할 수 있는 사람
plan-step-professionals = 5. 연락할 수 있는 전문가와 위기 상담전화
plan-step-safer-surroundings = 6. 내 주변을 더 안전하게 만들기
plan-step-reasons = 내가 살아가는 이유
plan-hint-warning-signs = 상황이 점점 힘들어지고 있다는 것을 알려 주는 생각, 감정, 상황 또는 행동이에요.
plan-hint-coping = 예: 산책, 음악 듣기, 샤워, 게임.
plan-hint-distractions = 내 기분에 대해 이야기하지 않아도 함께 있을 수 있는 사람과 갈 수 있는 장소예요.
plan-hint-professionals = 케어팀과 상담소의 위기 상담전화는 자동으로 추가돼요. 그 밖에 연락할 곳이 있다면 여기에 적어 주세요.
plan-hint-safer-surroundings = 나를 해칠 수 있는 물건과 거리를 두기 위해 할 수 있는 일을 내 말로 적어 보세요.
plan-hint-reasons = 나에게 소중한 사람, 바라는 것, 아끼는 것들이에요.
plan-hint-helpers = 힘들 때 전화하거나 문자를 보낼 수 있는 사람이에요. 전화번호는 선택 사항이에요.
plan-helper-name = 이름
plan-helper-phone = 전화번호 (선택)
plan-care-team-member = { $name } (나의 케어팀, Hearth로 연락)
plan-credit = 여섯 단계는 Stanley–Brown 안전 계획 개입(Safety Planning Intervention)을 따라요.
error-plan-too-many = 20줄 이하로 적어 주세요.
error-plan-too-long = 너무 긴 줄이 있어요. 한 줄은 500자 미만으로 적어 주세요.
error-plan-phone = 전화번호는 숫자, 공백, + 또는 -로 입력해 주세요.
error-plan-helper-name = 이 전화번호에 해당하는 사람의 이름을 적어 주세요.

## 알림 (케어팀용)
alerts-title = 안전 알림
alerts-lead = 내가 전달받은 알림이에요. 가장 긴급한 알림이 먼저 보여요. 알림에는 단계와 시각만 담기고, 회원이 쓴 내용은 절대 담기지 않아요.
alerts-show-all = 해결된 알림도 보기
alerts-show-open = 내 확인이 필요한 알림만 보기
alerts-empty = 지금 확인이 필요한 알림이 없어요.
alerts-caption = 안전 알림 (긴급한 순)
alerts-back = 전체 알림으로 돌아가기
alert-title = { $name }님에 대한 알림
alert-member = 회원
alert-level = 단계
alert-status = 상태
alert-raised = 발생 시각
alert-signals = 신호
alert-source = 발생 위치
alert-told = 알림 받은 사람
alert-outcome = 결과
alert-note = 메모
alert-note-hint = 선택 사항이에요. 케어팀용 메모이며 회원에게는 보이지 않아요.
alert-minutes-ago = { $minutes }분 전
alert-no-words = Hearth는 회원이 쓴 내용을 보여 주거나 보내지 않아요. 회원에게 직접 연락해 주세요.
alert-see-plan = 회원의 안전 계획 보기
alert-acknowledge = 확인: 제가 대응할게요
alert-acknowledge-hint = 확인하면 당직 목록으로 상향 전달되지 않아요.
alert-resolve-legend = 결과를 선택해 해결하기
alert-resolve = 해결
alert-timeline = 처리 기록
alert-someone = Hearth
alert-level-none = 없음
alert-level-low = 낮음
alert-level-moderate = 중간
alert-level-severe = 심각
alert-status-open = 확인 필요
alert-status-acknowledged = 확인됨
alert-status-resolved = 해결됨
alert-source-safety-plan = 회원의 안전 계획
alert-source-help-now = "지금 도움이 필요해요" 버튼을 누름
alert-source-checkin-note = 체크인 메모
alert-source-circle-note = 지지망에 적은 메모
alert-source-group-post = 그룹 게시글
alert-outcome-reached-out = 회원에게 연락함
alert-outcome-member-safe = 회원이 안전함
alert-outcome-referred-to-crisis-services = 위기 지원 기관에 연계함
alert-outcome-no-action-needed = 조치 필요 없음
alert-reason-care-team = 케어팀
alert-reason-on-call = 당직
alert-reason-escalation = 상향 전달
alert-event-alert-raised = 알림 발생
alert-event-alert-repeated = { $name }님의 다른 신호가 이 알림에 추가됨
alert-event-alert-notified = 담당자에게 알림을 보냄
alert-event-alert-escalated = 제시간에 확인되지 않아 상향 전달됨
alert-event-alert-acknowledged = { $name }님이 확인함
alert-event-alert-resolved = { $name }님이 해결함
alert-event-member-safe = { $name }님이 지금은 안전하다고 알려 줌
error-alert-outcome = 결과를 선택해 주세요.
error-alert-note-long = 메모는 2000자 미만으로 적어 주세요.
error-alert-not-acknowledged = 해결하기 전에 먼저 알림을 확인해 주세요.
alert-email-subject = Hearth: { $level } 단계 안전 알림을 확인해 주세요
alert-email-why-new = 돌보고 계신 회원이 위험한 상황일 수 있어요.
alert-email-why-worse = 아직 해결되지 않은 알림의 긴급도가 높아졌어요.
alert-email-why-help-now = 회원이 "지금 도움이 필요해요" 버튼을 눌렀어요.
alert-email-why-escalated = 아직 아무도 이 알림을 확인하지 않아서 이 메일을 보내 드려요.
alert-email-body =
    { $why }

    회원: { $name }
    단계: { $level }
    발생 시각: { $time }

    알림을 열어 확인해 주세요: { $link }

    이 메일에는 회원이 쓴 내용이 절대 담기지 않아요.
    — { $practice } (Hearth)

## 위기 상담전화 (관리)
admin-crisis-lines = 위기 상담전화
crisis-lines-lead = 도움 페이지와 모든 위기 카드에서 이 상담전화를 사용해요. 카드에는 상담소 지역({ $region })의 상담전화가 표시되고, 읽는 사람의 언어로 된 상담전화가 먼저 나와요. 목록의 첫 번째 상담전화가 대표 상담전화예요.
crisis-line-add = 위기 상담전화 추가
crisis-line-edit-title = 위기 상담전화 수정
crisis-line-edit = { $name } 수정
crisis-line-delete = { $name } 삭제
crisis-line-contact = 연락 방법
crisis-line-actions = 작업
crisis-line-language-any = 모든 언어
crisis-line-language-en = 영어
crisis-line-language-ko = 한국어
field-line-name = 이름
field-region = 지역 (국가 코드)
hint-region = US, KR처럼 영문 두 글자예요.
field-line-language = 언어
field-line-phone = 전화 상담 번호
hint-line-contact = 전화번호, 문자 번호, 채팅 링크 중 하나 이상을 입력해 주세요.
field-line-text = 문자 상담 번호
field-line-keyword = 문자로 보낼 단어 (상담전화에서 요구하는 경우)
field-line-chat = 채팅 링크 (https://)
field-line-always-open = 연중무휴 24시간 운영
field-line-hours = 운영 시간
hint-line-hours = 항상 운영하지 않는 상담전화라면 자유롭게 적어 주세요. 예: "월–금 9:00–17:00".
field-line-emergency = 긴급 신고 전화
error-crisis-region = US처럼 영문 두 글자 국가 코드를 입력해 주세요.
error-crisis-no-contact = 전화번호, 문자 번호 또는 채팅 링크를 입력해 주세요.
error-crisis-number = 숫자, 공백, + 또는 -만 사용해 주세요.
error-crisis-chat-url = https://로 시작하는 링크를 입력해 주세요.

## 상담소 설정: 안전망
field-practice-time-zone = 상담소 시간대
hint-practice-time-zone = 운영 시간에 적용돼요. 예: America/New_York, Asia/Seoul.
hint-practice-region = 상담소가 운영되는 지역을 영문 두 글자 국가 코드로 입력해 주세요. 위기 카드에는 이 지역의 상담전화가 표시돼요.
field-office-hours = 운영 시간
hint-office-hours = 케어팀이 알림을 확인하는 시간이에요. 쉬는 날은 비워 두세요. 운영 시간 외에는 위기 카드에 케어팀이 언제 답변할지와 밤낮없이 운영되는 상담전화가 표시돼요.
field-opens = 시작
field-closes = 종료
field-on-call = 당직 목록
hint-on-call = 제시간에 아무도 확인하지 않은 알림과 케어팀이 없는 회원의 알림을 전달받아요. 아무도 선택하지 않으면 관리자에게 전달돼요.
field-ack-severe = 심각 단계 알림이 상향 전달되기까지의 시간(분)
field-ack-moderate = 중간 단계 알림이 상향 전달되기까지의 시간(분)
hint-ack-minutes = 1에서 1440 사이예요.
error-ack-minutes = 1에서 1440 사이의 분 단위 숫자를 입력해 주세요.
error-office-hours = 시작 시각과 종료 시각을 입력해 주세요. 시작 시각이 종료 시각보다 빨라야 해요.
error-practice-time-zone = America/New_York와 같은 형식으로 시간대를 입력해 주세요.
settings-crisis-lines-link = 위기 상담전화는 별도 페이지에서 설정해요.
day-mon = 월요일
day-tue = 화요일
day-wed = 수요일
day-thu = 목요일
day-fri = 금요일
day-sat = 토요일
day-sun = 일요일

## 나의 지지망
nav-circle = 나의 지지망
home-circle = 내가 기댈 수 있는 사람과 공동체, 그리고 아직 비어 있는 부분을 살펴봐요.
circle-title = 나의 지지망
circle-lead = 내 삶에 있는 사람, 모임, 공동체예요. 가까운 사이일수록 가운데에 있어요. 공유를 선택하지 않으면 이름은 나만 볼 수 있어요.
circle-changes-link = 예전과 비교해 달라진 점
circle-map-title = 나의 지지망 지도
circle-map-desc = 가운데에 내가 있고, 그 둘레에 안쪽, 가운데, 바깥, 세 개의 원이 있어요. 사람이나 공동체는 각자 속한 원 위에 도형으로 표시돼요. 아래 표에도 같은 내용이 있어요.
circle-me = 나
circle-legend-circle = 동그라미: 가족과 친구
circle-legend-square = 네모: 전문가와 집단 상담
circle-legend-diamond = 마름모: 동료 지원
circle-legend-triangle = 세모: 종교·영성 공동체
circle-legend-hexagon = 육각형: 활동 모임
circle-legend-star = 별: 온라인 공동체
circle-legend-pentagon = 오각형: 직장, 학교 또는 기타
circle-legend-strain = 부담: 자주 힘들게 느껴지는 관계예요
circle-legend-one-sided = 화살표: 지지가 주로 한쪽으로, 화살표 방향으로 흘러요
circle-analysis-title = Hearth가 살펴본 내용
circle-empty = 조금이라도 기댈 수 있는 사람, 모임, 공동체 하나로 시작해 보세요.
circle-tone-gap = 비어 있는 부분:
circle-tone-notice = 살펴볼 만한 점:
circle-tone-strength = 잘되고 있는 점:
circle-coverage-title = 내가 받고 있는 지지
circle-coverage-row = { $support }: 가끔 이상 주는 사람·모임 { $count }
circle-single-point = 한 사람에게서만 받고 있어요
circle-communities-present = 지지망에 있는 공동체 종류: { $list }
circle-communities-missing = 아직 지지망에 없는 종류: { $list }
circle-add-title = 사람이나 모임 추가하기
circle-field-name = 이름
circle-name-hint = 이름, 별명 또는 모임 이름이면 충분해요. 나만 볼 수 있어요.
circle-field-ring = 원
circle-ring-hint = 안쪽: 없는 삶을 상상하기 어려운 사람. 가운데: 가깝지만 그 정도는 아닌 사람. 바깥: 내 삶의 일부인 사람과 모임.
circle-field-kind = 종류
circle-add = 나의 지지망에 추가
circle-table-title = 나의 지지망에 있는 모두
circle-table-caption = 지지망에 있는 사람과 공동체예요. 지도와 같은 내용이에요.
circle-col-gives = 가끔 이상 나에게 주는 것
circle-field-strain = 부담 (비판, 지치게 함 또는 갈등)
circle-field-be-myself = 나답게 있을 수 있어요
circle-field-last-contact = 마지막 연락
circle-col-actions = 작업
circle-crisis-contact-short = 위기 때 연락 가능
circle-connected = 오늘 연락했어요: { $name }
circle-edit = { $name } 수정
circle-entry-title = 나의 지지망 속 { $name }
circle-entry-lead = 답하고 싶은 것만 답해 주세요. 모든 항목은 선택 사항이고, 언제든 다시 돌아와 이어 쓸 수 있어요.
circle-support-legend = 주고받는 지지
circle-support-hint = 0 전혀 없음, 1 드물게, 2 가끔, 3 거의 항상.
circle-support-type = 지지 종류
circle-they-give = 나에게 주는 것
circle-i-give = 내가 주는 것
circle-they-give-for = 나에게 주는 것: { $support }
circle-i-give-for = 내가 주는 것: { $support }
circle-not-answered = 답하지 않음
circle-strain-hint = 이 관계에서 비판을 받거나, 지치거나, 갈등이 생기는 일이 얼마나 자주 있나요?
circle-field-contact-now = 지금 연락하는 빈도
circle-field-contact-wished = 내가 바라는 연락 빈도
circle-field-modes = 연락하는 방법
circle-field-known-for = 알고 지낸 기간
circle-field-proximity = 거리
circle-field-crisis-contact = 위기 때 연락할 수 있어요
circle-crisis-contact-hint = 안전 계획에서 도움을 요청할 수 있는 사람으로 제안돼요.
circle-field-phone = 전화번호 (선택)
circle-field-note = 나만 보는 메모
circle-note-hint = 이 메모는 나만 볼 수 있어요.
circle-back = 나의 지지망으로 돌아가기
circle-remove = 지지망에서 { $name } 빼기
circle-remove-lead = 지지망과 지도에서 빠져요. 예전 기록에는 남아 있어서 "달라진 점"에서는 계속 보여요.
circle-remove-in-plan = { $name }: 안전 계획에도 들어 있어요. 여기서 빼면 안전 계획에서도 함께 빠져요.
circle-remove-confirm = 빼기
circle-changes-title = 나의 지지망에서 달라진 점
circle-changes-since = 비교할 날짜
circle-changes-show = 보기
circle-changes-compared = { $time }의 지지망과 비교했어요.
circle-changes-none-then = 그때는 지지망이 비어 있었어요. 그래서 지금 있는 모든 것이 새로 생긴 거예요.
circle-changes-people = 사람과 공동체
circle-changes-no-people = 새로 들어오거나, 빠지거나, 옮겨진 사람이나 모임이 없어요.
circle-added-since = { $name }: 지지망에 새로 들어왔어요
circle-removed-since = { $name }: 지지망에서 빠졌어요
circle-moved = { $name }: { $from } 원에서 { $to } 원으로 옮겨졌어요
circle-changes-new = 그 뒤로 새로 생긴 것
circle-changes-nothing = 해당하는 내용이 없어요.
circle-changes-resolved = 이제는 해당하지 않는 것
circle-kind-household = 함께 사는 사람
circle-kind-partner = 연인 또는 배우자
circle-kind-family = 가족
circle-kind-chosen-family = 마음으로 맺은 가족
circle-kind-friend = 친구
circle-kind-work-or-school = 직장 또는 학교
circle-kind-neighbour = 이웃
circle-kind-professional = 상담사 또는 다른 전문가
circle-kind-therapy-group = 집단 상담
circle-kind-peer-support-group = 동료 지원 모임
circle-kind-faith-community = 종교·영성 공동체
circle-kind-activity-group = 활동 모임
circle-kind-online-community = 온라인 공동체
circle-kind-other = 기타
circle-ring-inner = 안쪽
circle-ring-middle = 가운데
circle-ring-outer = 바깥
# 아래 다섯 단어는 다른 문장의 { $support } 자리에 들어가고 뒤에 을/이/은이 붙어요. 모두 받침으로 끝나게 유지해 주세요.
circle-support-emotional = 정서적 도움
circle-support-practical = 실질적인 도움
circle-support-informational = 조언
circle-support-esteem = 인정과 응원
circle-support-belonging = 소속감
circle-support-emotional-prompt = 정서적 도움: 이야기를 들어 주고, 위로해 주고, 내 기분을 살펴 줘요
circle-support-practical-prompt = 실질적인 도움: 차로 데려다주기, 식사, 돈, 아이 돌봄 같은 일을 도와줘요
circle-support-informational-prompt = 조언: 상황을 이해하도록 도와줘요
circle-support-esteem-prompt = 인정과 응원: 솔직하게 말해 주고, 내가 해낼 수 있다고 느끼게 해 줘요
circle-support-belonging-prompt = 소속감: 함께 무언가를 할 사람이 있고, 어딘가에 속해 있다고 느끼게 해 줘요
circle-level-0 = 0 전혀 없음
circle-level-1 = 1 드물게
circle-level-2 = 2 가끔
circle-level-3 = 3 거의 항상
circle-be-myself-yes = 네
circle-be-myself-sometimes = 가끔
circle-be-myself-no = 아니요
circle-frequency-daily = 매일
circle-frequency-weekly = 매주
circle-frequency-monthly = 매달
circle-frequency-few-times-a-year = 1년에 몇 번
circle-frequency-rarely = 드물게
circle-mode-in-person = 직접 만나서
circle-mode-phone = 전화
circle-mode-video = 영상 통화
circle-mode-text = 문자 메시지
circle-mode-email = 이메일
circle-mode-online = 온라인 (SNS, 커뮤니티, 게임)
circle-known-under-a-year = 1년 미만
circle-known-one-to-five-years = 1년에서 5년
circle-known-over-five-years = 5년 넘게
circle-proximity-same-home = 같은 집
circle-proximity-walking = 걸어갈 수 있는 거리
circle-proximity-same-city = 같은 동네나 도시
circle-proximity-far = 더 먼 곳
circle-proximity-online-only = 온라인에서만
# 아래 단어는 { $community } 자리에 들어가요 ("… 쪽"), 그리고 { $list }에 쉼표로 나열돼요.
circle-community-professional = 전문가 지원
circle-community-peer-support = 동료 지원
circle-community-faith = 종교·영성
circle-community-activity = 활동
circle-community-online = 온라인
circle-community-family-friends = 가족과 친구
finding-support-missing = 아직 지지망에 { $support }을 가끔이라도 주는 사람이나 모임이 없어요.
finding-support-single = 지금은 { $name }에게서만 { $support }을 받고 있어요. 그 관계가 잠시 멀어지면 이 지지도 함께 줄어들 수 있어요.
finding-community-missing = 아직 지지망에 { $community } 쪽으로 이어진 곳이 없어요.
finding-reciprocity-giving-more = 전체적으로 내가 받는 지지보다 주는 지지가 더 많아요.
finding-reciprocity-one-sided-giving = { $name }에게는 주로 내가 지지를 주는 쪽이에요.
finding-reciprocity-one-sided-receiving = { $name }에게서 지지를 받고 있고, 지금은 내가 돌려주는 것이 적은 편이에요.
finding-strain-key-provider = { $name }에게서 지지를 받지만, 그 관계가 자주 힘들게 느껴지기도 해요.
finding-strain-not-myself = { $name } 앞에서는 나답게 있기 어려워요.
finding-quiet-overdue = 마지막으로 { $name }에게 연락한 지 { $number }일이 지났어요. 내가 바라는 것보다 조금 길어졌어요.
finding-quality-inner-empty = 아직 안쪽 원에 아무도 없어요.
finding-quality-inner-be-myself = 안쪽 원에 나답게 있을 수 있는 사람이 { $number }명 있어요.
finding-quality-inner-not-myself = 아직 안쪽 원에는 온전히 나답게 있을 수 있는 사람이 없어요.
step-add-support = { $support }을 줄 수 있는 사람이나 곳을 하나 더 떠올려 추가해 보세요.
step-find-community = { $community } 쪽에서 한 번 가 볼 만한 모임을 하나 찾아보세요.
step-message = { $name }에게 두 줄짜리 메시지를 보내 보세요.
step-give-back = { $name }에게 작게나마 돌려줄 수 있는 방법을 하나 찾아보세요.
step-talk-it-through = 믿을 수 있는 사람이나 케어팀과 이야기를 나눠 보세요.
step-keep = 지금 잘되고 있는 것을 계속해 보세요.
error-api-days = 1에서 366 사이의 일수를 골라 주세요.
error-api-word = 허용된 값 중 하나가 아니에요.
error-circle-range = 0에서 3 사이의 값을 선택해 주세요.
error-circle-future = 아직 오지 않은 날짜예요.
error-circle-ring = 안쪽, 가운데, 바깥 중 하나를 선택해 주세요.
error-circle-date = 2026-11-25와 같은 형식으로 날짜를 입력해 주세요.
error-circle-full = 지지망에는 500개까지 추가할 수 있는데, 이미 가득 찼어요.
done-circle-added = 지지망에 추가했어요. 자세한 내용은 언제든 더 적을 수 있어요.
done-circle-connected = 오늘 연락한 것을 기록했어요.
done-circle-removed = 지지망에서 뺐어요.
plan-from-circle-places = 나의 지지망에서 기분이 나아지도록 도와주는 사람과 장소
plan-crisis-contact-hint = 위기 때 연락할 수 있는 사람이라고 적어 두었어요.
clients-open = 열기
clients-see-circle = { $name }의 지지망
clients-see-plan = { $name }의 안전 계획
clients-back = 내담자 목록으로
client-circle-title = { $name }의 지지망
client-circle-names = 이름과 함께 공유되었어요.
client-circle-no-names = 이름 없이 공유되었어요. 사람과 모임은 종류로만 보여요. 이름 공유는 회원이 선택할 수 있어요.
circle-unnamed = { $kind } { $number }

## 체크인
nav-checkin = 체크인
home-checkin = 세 번만 눌러요: 지금 기분, 에너지, 연결감.
checkin-title = 체크인
checkin-lead = 지금 어떠세요? 세 번만 눌러도 충분해요. 나머지는 모두 선택 사항이에요.
checkin-mood = 기분
checkin-energy = 에너지
checkin-connectedness = 연결감
checkin-mood-1 = 아주 나쁨
checkin-mood-2 = 나쁨
checkin-mood-3 = 보통
checkin-mood-4 = 좋음
checkin-mood-5 = 아주 좋음
checkin-energy-1 = 기진맥진
checkin-energy-2 = 피곤함
checkin-energy-3 = 조금 있음
checkin-energy-4 = 활기참
checkin-energy-5 = 에너지 가득
checkin-connectedness-1 = 아주 외로움
checkin-connectedness-2 = 조금 외로움
checkin-connectedness-3 = 그 중간
checkin-connectedness-4 = 연결됨
checkin-connectedness-5 = 아주 연결됨
checkin-connected-with = 오늘 연락한 사람 (선택)
checkin-note = 메모 (선택)
checkin-save = 체크인
checkin-trends-link = 나의 변화 추이 보기
checkin-reminders-link = 알림 설정
checkin-back = 체크인으로 돌아가기
done-checkin-saved = 체크인해 주셔서 고마워요.
error-checkin-choose = 다섯 가지 중 하나를 선택해 주세요.
checkin-trends-title = 나의 체크인 변화 추이
checkin-trends-of = 체크인 변화 추이: { $name }
checkin-window-label = 기간
checkin-window = { $days }일
checkin-count = 지난 { $days }일 동안 { $count }번 체크인했어요.
checkin-chart-label = 지난 { $days }일 동안의 하루 평균이에요. 아래 표에도 같은 내용이 있어요.
checkin-no-data = 이 기간에는 체크인이 없어요.
checkin-table = 표로 보기
checkin-day = 날짜
checkin-average = 평균 (1–5)
checkin-reminders-title = 체크인 알림
checkin-reminders-lead = 내가 고른 요일과 시간에 부드러운 이메일을 보내 드려요. 직접 켜기 전에는 꺼져 있고, 체크인하지 않은 날을 세는 일은 절대 없어요.
checkin-reminders-on = 알림 받기
checkin-reminders-days = 알림 받을 요일
checkin-reminders-time = 알림 받을 시간
checkin-reminders-time-hint = 내 시간대 기준이에요 (프로필에서 설정해요).
error-reminder-time = 19:00과 같은 형식으로 시간을 입력해 주세요.
error-reminder-days = 요일을 하나 이상 선택하거나 알림을 꺼 주세요.
checkin-reminder-subject = 잠시 체크인해 볼까요
checkin-reminder-body =
    안녕하세요.

    잠깐 시간이 있다면, 오늘은 어떠세요? 세 번만 눌러도 충분해요:
    { $link }

    지금이 괜찮은 때가 아니라면 그래도 괜찮아요. 이 알림은 같은 페이지에서 언제든 바꾸거나 끌 수 있어요.
clients-see-checkins = { $name }의 체크인

## 척도
nav-measures = 척도
measures-title = 척도
measures-lead = 짧고 잘 연구된 설문이에요. 답과 점수는 나의 것이고, 척도를 공유할 때만 임상가가 볼 수 있어요.
measures-last = 최근: { $result }
measures-never = 아직 해 본 적이 없어요.
measures-due = 다음 예정일 { $date } ({ $days }일마다)
measures-take = { $name } 하기
measures-see-results = { $name } 결과
measures-working-translation = 이 한국어 문항은 검증된 한국어판이 아닌 작업용 번역이에요.
measures-submit = 답 저장하기
measures-score = 점수: { $score }
measures-since-last = 지난번과 비교: { $change }
measures-chart-label = 시간에 따른 점수와 척도의 구간이에요. 아래 표에도 같은 내용이 있어요.
measures-chart-caption = 음영 띠가 구간이에요. ▲는 지난번보다 믿을 만하게 좋아졌다는 뜻, ▼는 믿을 만하게 나빠졌다는 뜻이에요.
measures-when = 날짜
measures-total = 점수
measures-band = 구간
measures-change = 변화
measures-every = 목록에서 … 일마다 알려 주기
measures-every-hint = 예를 들어 2주마다는 14. 비워 두면 일정이 없어요.
measures-back = 척도 목록으로
measure-change-improved = 믿을 만한 호전
measure-change-worse = 믿을 만한 악화
measure-change-same = 믿을 만한 변화 없음
measure-change-unknown = 믿을 만한 변화에 대한 공개 기준 없음
measure-reliable-recovery = 믿을 만한 회복
measure-recovery = 회복
error-measure-count = 모든 문항에 답해 주세요.
error-measure-range = 보기 중 하나를 골라 주세요.
error-measure-incomplete = 아직 답하지 않은 문항이 있어요.
error-measure-missing = 이 문항의 답을 골라 주세요.
done-measure-saved = 답을 저장했어요.
done-schedule-invalid = 0에서 365 사이의 일수를 입력해 주세요.
alert-source-measure = 설문 응답

## 내보내기
export-title = 내 데이터 내려받기
export-lead = 보관하거나 다른 곳으로 옮길 수 있는 나의 데이터예요. JSON에는 모든 내용이, CSV는 스프레드시트에서 열려요. 파일 속 이름과 메모는 개인 정보이니 조심해서 보관해 주세요.
export-checkins = 체크인
export-json = { $what } (JSON)
export-csv = { $what } (CSV)
export-fhir = 척도 (FHIR QuestionnaireResponse)
client-measures-title = 척도: { $name }
client-measures-every = … 일마다 ({ $name })
clients-see-measures = { $name }의 척도
