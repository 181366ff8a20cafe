/**
 * # Rules
 *
 * A module for terraform-docs' rules.
 */

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "3.6.0"
    }
    corp = {
      source = "registry.example.com/corp/corp"
    }
  }
}

resource "aws_s3_bucket" "this" {}

# terraform-docs-ignore
resource "aws_s3_bucket" "hidden" {}

resource "aws_s3_bucket" "east" {
  provider = aws.east
}

data "aws_region" "current" {}

resource "random_id" "suffix" {
  byte_length = 4
}

resource "corp_thing" "x" {}

resource "null_resource" "wait" {}

module "pinned" {
  source = "git::https://example.com/modules.git?ref=v1.2.0"
}

module "registry" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.1"
}
