// ruleid: javascript.optional-chaining
user.profile.load(1);
// ok: javascript.optional-chaining
user?.profile.load(2);
// ok: javascript.optional-chaining
user.profile?.load(3);
