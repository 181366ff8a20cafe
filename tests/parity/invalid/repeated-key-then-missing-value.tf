locals {
  o = { a = 1, a = }
}
