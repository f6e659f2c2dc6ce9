// ruleid: typescript.decorators
@Controller("/users")
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Get(":id")
  find(@Param("id") id: string): Promise<User> {
    return this.service.find(id);
  }
}

// ok: typescript.decorators
@Injectable()
export class UsersService {
  private cache: Map<string, User> = new Map();
  find(id: string) {
    return this.cache.get(id);
  }
}
