// ruleid: taint-element-target
table[makeKey(item)] = item;
// ruleid: taint-element-target
const found = table[makeKey(item)];
// ok: taint-element-target
table[item.id] = item;
