# Dev environment: live configuration.
#
# Optional modules (VPC Lattice, Memcached, NGINX ingress, Aurora Global,
# Greengrass, ECR scanning, MLflow) are not enabled here; see
# optional-modules.tf.example for ready-to-use, commented configurations.

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

  default_tags {
    tags = local.tags
  }
}

locals {
  tags = {
    Environment = var.environment
    Project     = "mlops-platform"
    ManagedBy   = "terraform"
  }
}

module "irsa_ml_workloads" {
  source = "../../modules/iam/irsa_ml_workloads"

  name              = "${var.cluster_name}-ml-workloads"
  oidc_provider_arn = var.oidc_provider_arn

  service_accounts = [
    { namespace = "mlflow", name = "mlflow" },
    { namespace = "ml-training", name = "training" },
    { namespace = "ml-serving", name = "inference" },
  ]

  s3_bucket_arns           = [var.mlflow_artifact_bucket_arn]
  s3_read_only_bucket_arns = var.dataset_bucket_arns

  tags = local.tags
}

output "ml_workloads_role_arn" {
  description = "IRSA role of the ML workloads."
  value       = module.irsa_ml_workloads.role_arn
}
