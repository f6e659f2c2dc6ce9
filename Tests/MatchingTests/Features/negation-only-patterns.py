# ok: negation-only-not
Markup("<b>fixed</b>")
# ruleid: negation-only-not
Markup(user_text)
# ruleid: negation-only-not
Markup("<b>" + user_text)
# ruleid: negation-only-not
Markup(render("<b>fixed</b>"))

# ok: negation-only-not-inside
wrap(escape(text))
# ruleid: negation-only-not-inside
wrap(escape(text) + suffix)
# ruleid: negation-only-not-inside
wrap(text)

# ok: negation-only-not-regex
check(secret)
# ok: negation-only-not-regex
check(my_secret_value)
# ruleid: negation-only-not-regex
check(token)
