# Prod environment: live configuration. The optional modules are not enabled.

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

module "irsa_ml_workloads" {
  source = "../../modules/iam/irsa_ml_workloads"

  name              = "mlops-prod-ml-workloads"
  oidc_provider_arn = var.oidc_provider_arn

  service_accounts = [
    { namespace = "mlflow", name = "mlflow" },
    { namespace = "ml-serving", name = "inference" },
  ]

  s3_bucket_arns = [var.mlflow_artifact_bucket_arn]

  tags = {
    Environment = "prod"
    Project     = "mlops-platform"
  }
}
