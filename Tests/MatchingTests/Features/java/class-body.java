// ruleid: java-class-body
@Entity
class User {
  private String name;
  public long id;

  String name() {
    return name;
  }
}

// ok: java-class-body
@Entity
class Order {
  private long id;
}

// ok: java-class-body
class Plain {
  public long id;
}
