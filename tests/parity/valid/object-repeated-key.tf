locals {
  # Terraform keeps the last value of a repeated key.
  settings = {
    size = 1
    name = "a"
    size = 2
  }
  inline = { a = 1, a = 2 }
}
