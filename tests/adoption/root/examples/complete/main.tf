provider "aws" {
  region = "eu-west-1"
}

module "widget" {
  source = "../../"

  name = "complete"
}

module "widget_disabled" {
  source = "../../"

  create = false
  name   = "disabled"
}

module "listener" {
  source = "../../modules/listener"

  widget_id = module.widget.id
  port      = 8443
}

module "policy" {
  source    = "../../modules/policy"
  widget_id = module.widget.id
}
