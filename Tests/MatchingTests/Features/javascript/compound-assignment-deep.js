// ok: javascript.compound-assignment-deep
greeting = "Hi ";
greeting += "there";

// ruleid: javascript.compound-assignment-deep
count = 1;
count = 2;
