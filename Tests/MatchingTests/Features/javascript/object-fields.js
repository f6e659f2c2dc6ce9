// ruleid: javascript.object-fields
cookie({ secure: false });
// ruleid: javascript.object-fields
cookie({ httpOnly: true, secure: false, path: "/" });
// ruleid: javascript.object-fields
cookie({ path: "/", secure: false });
// ok: javascript.object-fields
cookie({ httpOnly: true, secure: true });
// ok: javascript.object-fields
cookie({ ...defaults });
