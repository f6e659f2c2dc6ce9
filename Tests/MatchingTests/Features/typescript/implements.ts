// ruleid: typescript.implements
export class AuthGuard implements CanActivate {
  canActivate() { return true; }
}

// ruleid: typescript.implements
export class RoleGuard extends BaseGuard<Role> implements OnInit, CanActivate {
  canActivate() { return true; }
  ngOnInit() {}
}

// ok: typescript.implements
export class Plain extends CanActivate {
  canActivate() { return true; }
}

// ok: typescript.implements
export class Other implements OnInit {
  ngOnInit() {}
}
