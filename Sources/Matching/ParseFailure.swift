/// Why a statement could not be parsed, for every language's parser; caught where statements
/// are listed, so one bad statement costs only itself.
struct ParseFailure: Error {
  let offset: Int
  let message: String
}
